package org.layercanvas.edit;

import java.util.Objects;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Flow;

/**
 * An auto-layout as one undoable step: every layer moves to its place and the design is drawn the
 * way the layout runs, so undoing it also puts the ports back where they were.
 *
 * @param move the new position of every layer
 * @param flow which way the design is drawn afterwards
 */
public record ArrangeCommand(MoveNodesCommand move, Flow flow) implements History.Command<Design> {
    public ArrangeCommand {
        Objects.requireNonNull(move, "move");
        Objects.requireNonNull(flow, "flow");
    }

    @Override
    public Design apply(Design design) {
        return design.withGraph(move.apply(design.graph())).withFlow(flow);
    }

    @Override
    public String description() {
        return move.description();
    }
}
