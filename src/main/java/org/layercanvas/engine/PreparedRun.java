package org.layercanvas.engine;

import java.util.List;
import java.util.Objects;
import org.layercanvas.graph.Design;

/**
 * A run ready to start with {@link TrainingService#start}: its folder exists and holds the design
 * snapshot, settings and data description; its data is loaded and fits the design.
 *
 * @param design the design as trained: named, with the dataset section and the full settings it runs with
 * @param job what the training service takes
 * @param earlier the events a resumed run logged before, for redrawing its charts; empty for a fresh run
 * @param summary one line for a status bar, e.g. {@code Training iris-mlp on iris.csv: 150 samples (…)}
 * @param warnings what a person should know before the run starts (as {@link Readiness#warnings()}
 *     says, for a resumed run whose checkpoint holds weights alone, that its optimizer starts afresh,
 *     and for a run started from another run's weights, each layer that starts fresh because it changed)
 * @param initialWeights what a run started from another run's weights takes from it; {@code null}
 *     for a fresh or resumed run
 */
public record PreparedRun(Design design, TrainingJob job, List<TrainingEvent> earlier, String summary,
        List<String> warnings, InitialWeights initialWeights) {
    public PreparedRun {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(job, "job");
        earlier = List.copyOf(earlier);
        Objects.requireNonNull(summary, "summary");
        warnings = List.copyOf(warnings);
    }

    /** A prepared fresh or resumed run. */
    public PreparedRun(Design design, TrainingJob job, List<TrainingEvent> earlier, String summary,
            List<String> warnings) {
        this(design, job, earlier, summary, warnings, null);
    }

    /** A prepared run with nothing to warn about. */
    public PreparedRun(Design design, TrainingJob job, List<TrainingEvent> earlier, String summary) {
        this(design, job, earlier, summary, List.of(), null);
    }
}
