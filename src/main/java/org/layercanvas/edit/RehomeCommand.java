package org.layercanvas.edit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.layercanvas.graph.Design;

/**
 * What saving a design into another folder changes in it, as one undoable step: its name, when the
 * name followed its file's, and its dataset section, whose relative paths are rewritten so that they
 * still name the same files from the new folder.
 *
 * @param name the design's name from now on
 * @param dataset the dataset section with its paths rewritten
 */
public record RehomeCommand(String name, Map<String, Object> dataset) implements History.Command<Design> {
    public RehomeCommand {
        Objects.requireNonNull(name, "name");
        dataset = Collections.unmodifiableMap(new LinkedHashMap<>(dataset));
    }

    @Override
    public Design apply(Design design) {
        return design.withName(name).withDataset(dataset);
    }

    @Override
    public String description() {
        return "Save As";
    }
}
