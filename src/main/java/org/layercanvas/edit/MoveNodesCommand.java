package org.layercanvas.edit;

import java.util.Map;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Position;

/**
 * Moves layers to new positions: one drag, or an auto-layout.
 *
 * @param positions the new position of each moved layer
 * @param description what the menu calls it
 */
public record MoveNodesCommand(Map<String, Position> positions, String description) implements EditCommand {
    public MoveNodesCommand {
        positions = Map.copyOf(positions);
    }

    @Override
    public Graph apply(Graph graph) {
        Graph g = graph;
        for (Map.Entry<String, Position> e : positions.entrySet()) {
            g = g.withNode(g.node(e.getKey()).withPosition(e.getValue()));
        }
        return g;
    }
}
