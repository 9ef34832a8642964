package org.layercanvas.ui.training;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.layercanvas.data.Examples;
import org.layercanvas.engine.Evaluation;

/** The evaluation the Evaluation tab shows: of the last finished run, on its validation split; none after another design opens. */
public final class EvaluationModel {

    /**
     * An evaluation and the samples it was made on.
     *
     * @param evaluation what the model predicted and how well
     * @param data the samples, for images of the misclassified ones
     * @param run the run's name
     */
    public record Shown(Evaluation evaluation, Examples data, String run) {
    }

    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();

    /** Returns what is shown, or null for nothing. */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Shows an evaluation. */
    public void show(Evaluation evaluation, Examples data, String run) {
        shown.set(new Shown(evaluation, data, run));
    }

    /** Shows nothing. */
    public void clear() {
        shown.set(null);
    }
}
