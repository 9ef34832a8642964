package org.layercanvas.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;

/**
 * A layered (Sugiyama-style) layout: each layer goes one rank below the deepest layer that feeds
 * it, connections that skip ranks get placeholder slots so they do not run through cards, ranks are
 * ordered by repeated barycentre sweeps to reduce crossings, and every layer gets a slot of its own,
 * so no two cards overlap.
 */
public final class LayeredLayout {
    private final double cardWidth;
    private final double cardHeight;
    private final double gap;

    /**
     * Creates a layout for cards of this size.
     *
     * @param gap the space between neighbouring cards and between ranks
     */
    public LayeredLayout(double cardWidth, double cardHeight, double gap) {
        this.cardWidth = cardWidth;
        this.cardHeight = cardHeight;
        this.gap = gap;
    }

    /** Returns the command that arranges the whole graph, top-down or left-right. */
    public MoveNodesCommand arrange(Graph graph, boolean topDown) {
        return new MoveNodesCommand(positions(graph, topDown), "Auto-layout");
    }

    /** Returns a position for every layer. */
    public Map<String, Position> positions(Graph graph, boolean topDown) {
        List<LayerNode> nodes = new ArrayList<>(graph.nodes());
        Map<String, Integer> rank = ranks(graph, nodes);
        // the slots of each rank: real layer ids, or null placeholders for connections passing through
        int maxRank = rank.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<List<Slot>> ranks = new ArrayList<>();
        for (int r = 0; r <= maxRank; r++) {
            ranks.add(new ArrayList<>());
        }
        Map<String, Slot> slotOf = new HashMap<>();
        for (LayerNode n : nodes) {
            Slot s = new Slot(n.id());
            slotOf.put(n.id(), s);
            ranks.get(rank.get(n.id())).add(s);
        }
        for (Edge e : graph.edges()) {
            int from = rank.get(e.from());
            int to = rank.get(e.to());
            Slot previous = slotOf.get(e.from());
            for (int r = from + 1; r < to; r++) {
                Slot placeholder = new Slot(null);
                ranks.get(r).add(placeholder);
                link(previous, placeholder);
                previous = placeholder;
            }
            if (to > from) {
                link(previous, slotOf.get(e.to()));
            }
        }
        order(ranks);
        Map<String, Position> out = new HashMap<>();
        int widest = ranks.stream().mapToInt(List::size).max().orElse(1);
        for (int r = 0; r < ranks.size(); r++) {
            List<Slot> row = ranks.get(r);
            double centring = (widest - row.size()) / 2.0;
            for (int i = 0; i < row.size(); i++) {
                Slot s = row.get(i);
                if (s.id != null) {
                    double across = centring + i;
                    out.put(s.id, topDown ? new Position(across * (cardWidth + gap), r * (cardHeight + gap))
                            : new Position(r * (cardWidth + gap), across * (cardHeight + gap)));
                }
            }
        }
        return out;
    }

    /** Longest path from the sources; layers on a cycle (an invalid design) go after the rest. */
    private static Map<String, Integer> ranks(Graph graph, List<LayerNode> nodes) {
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, List<String>> next = new HashMap<>();
        for (LayerNode n : nodes) {
            indegree.put(n.id(), 0);
            next.put(n.id(), new ArrayList<>());
        }
        for (Edge e : graph.edges()) {
            indegree.merge(e.to(), 1, Integer::sum);
            next.get(e.from()).add(e.to());
        }
        Map<String, Integer> rank = new HashMap<>();
        java.util.ArrayDeque<String> ready = new java.util.ArrayDeque<>();
        nodes.stream().map(LayerNode::id).filter(id -> indegree.get(id) == 0).forEach(id -> {
            ready.add(id);
            rank.put(id, 0);
        });
        while (!ready.isEmpty()) {
            String id = ready.poll();
            for (String to : next.get(id)) {
                rank.merge(to, rank.get(id) + 1, Math::max);
                if (indegree.merge(to, -1, Integer::sum) == 0) {
                    ready.add(to);
                }
            }
        }
        int after = rank.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (LayerNode n : nodes) {
            if (indegree.get(n.id()) > 0) {
                rank.put(n.id(), after);
            }
        }
        return rank;
    }

    private static void link(Slot from, Slot to) {
        from.below.add(to);
        to.above.add(from);
    }

    /** Barycentre sweeps, down then up, a few times. */
    private static void order(List<List<Slot>> ranks) {
        for (int sweep = 0; sweep < 4; sweep++) {
            for (int r = 1; r < ranks.size(); r++) {
                sortBy(ranks.get(r), true);
            }
            for (int r = ranks.size() - 2; r >= 0; r--) {
                sortBy(ranks.get(r), false);
            }
        }
    }

    private static void sortBy(List<Slot> row, boolean byAbove) {
        for (int i = 0; i < row.size(); i++) {
            row.get(i).index = i;
        }
        Map<Slot, Double> key = new HashMap<>();
        for (Slot s : row) {
            List<Slot> neighbours = byAbove ? s.above : s.below;
            key.put(s, neighbours.isEmpty() ? s.index : neighbours.stream().mapToInt(n -> n.index).average().orElse(0));
        }
        row.sort((a, b) -> Double.compare(key.get(a), key.get(b)));
        for (int i = 0; i < row.size(); i++) {
            row.get(i).index = i;
        }
    }

    /** A place in a rank: a layer, or a placeholder for a connection passing through. */
    private static final class Slot {
        final String id;
        final List<Slot> above = new ArrayList<>();
        final List<Slot> below = new ArrayList<>();
        int index;

        Slot(String id) {
            this.id = id;
        }
    }
}
