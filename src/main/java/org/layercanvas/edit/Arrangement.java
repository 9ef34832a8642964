package org.layercanvas.edit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Position;

/**
 * What an auto-layout computes: where every layer goes, as one undoable command, and the route each
 * connection takes there. The routes are view state for the canvas, valid for the graph as the
 * command leaves it, and not saved with the design.
 *
 * @param move the command that puts every layer in its place
 * @param flow which way the arrangement runs
 * @param routes for each connection, the points it runs through in design units: its start on the
 *     source card's output side, its bend points, and its end on the target card's input side
 */
public record Arrangement(MoveNodesCommand move, Flow flow, Map<Edge, List<Position>> routes) {
    public Arrangement {
        Objects.requireNonNull(move, "move");
        Objects.requireNonNull(flow, "flow");
        Map<Edge, List<Position>> copy = new LinkedHashMap<>();
        routes.forEach((edge, points) -> {
            if (points.size() < 2) {
                throw new IllegalArgumentException("a route needs a start and an end: " + edge + " " + points);
            }
            copy.put(Objects.requireNonNull(edge, "edge"), List.copyOf(points));
        });
        routes = Collections.unmodifiableMap(copy);
    }

    /** Returns the one undoable step that moves every layer and turns the design's flow this way. */
    public ArrangeCommand command() {
        return new ArrangeCommand(move, flow);
    }
}
