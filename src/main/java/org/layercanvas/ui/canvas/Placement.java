package org.layercanvas.ui.canvas;

import java.util.Collection;
import java.util.Set;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;

/**
 * Where new cards go so that they never land on another card: the place asked for, or the nearest
 * free one after it in the design's direction (below for a top-down design, to the right for a
 * left-right one).
 */
final class Placement {
    /** Space kept free around a card. */
    static final double GAP = 20;

    private Placement() {
    }

    /** Returns {@code wanted}, or the first place after it in the flow's direction where a card overlaps no other. */
    static Position free(Graph graph, Position wanted, Flow flow) {
        Position at = wanted;
        for (int i = 0; i <= graph.size() && overlapsAny(graph.nodes(), Set.of(), at); i++) {
            at = step(at, flow);
        }
        return at;
    }

    /**
     * Returns how far to move a group of new cards (a paste) from where {@code cards} are now so that
     * it lands clear of the group itself and of every other card: past the group's own extent in the
     * flow's direction, and further on while any card overlaps.
     */
    static Position offsetFor(Graph graph, Collection<LayerNode> cards, Flow flow) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (LayerNode n : cards) {
            minX = Math.min(minX, n.position().x());
            minY = Math.min(minY, n.position().y());
            maxX = Math.max(maxX, n.position().x() + NodeSkin.WIDTH);
            maxY = Math.max(maxY, n.position().y() + NodeSkin.HEIGHT);
        }
        Position offset = flow == Flow.LEFT_RIGHT ? new Position(maxX - minX + GAP * 2, 0)
                : new Position(0, maxY - minY + GAP * 2);
        for (int i = 0; i <= graph.size() && groupOverlaps(graph, cards, offset); i++) {
            offset = step(offset, flow);
        }
        return offset;
    }

    private static boolean groupOverlaps(Graph graph, Collection<LayerNode> cards, Position offset) {
        for (LayerNode n : cards) {
            if (overlapsAny(graph.nodes(), Set.of(), n.position().plus(offset.x(), offset.y()))) {
                return true;
            }
        }
        return false;
    }

    private static Position step(Position p, Flow flow) {
        return flow == Flow.LEFT_RIGHT ? p.plus(NodeSkin.WIDTH + GAP, 0) : p.plus(0, NodeSkin.HEIGHT + GAP);
    }

    /** Returns whether a card at {@code at} would come within {@link #GAP} of any card but those in {@code ignore}. */
    static boolean overlapsAny(Collection<LayerNode> nodes, Set<String> ignore, Position at) {
        for (LayerNode n : nodes) {
            if (ignore.contains(n.id())) {
                continue;
            }
            Position p = n.position();
            if (at.x() < p.x() + NodeSkin.WIDTH + GAP && p.x() < at.x() + NodeSkin.WIDTH + GAP
                    && at.y() < p.y() + NodeSkin.HEIGHT + GAP && p.y() < at.y() + NodeSkin.HEIGHT + GAP) {
                return true;
            }
        }
        return false;
    }
}
