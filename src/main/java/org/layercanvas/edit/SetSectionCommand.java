package org.layercanvas.edit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.layercanvas.graph.Design;

/**
 * Replaces a design's dataset or training section with new values: the one undoable edit behind
 * every change in the Data and Settings panels.
 *
 * @param section which section
 * @param values the whole new section, in the order it is saved
 * @param description what changed, for the Undo and Redo menu items: {@code Set Learning Rate}
 */
public record SetSectionCommand(Section section, Map<String, Object> values, String description)
        implements History.Command<Design> {

    /** The sections of a design file this command can replace. */
    public enum Section {
        /** The {@code dataset} section. */
        DATASET,
        /** The {@code training} section. */
        TRAINING
    }

    public SetSectionCommand {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(description, "description");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    @Override
    public Design apply(Design design) {
        return section == Section.DATASET ? design.withDataset(values) : design.withTraining(values);
    }
}
