package org.layercanvas.edit;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.layercanvas.graph.Arity;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/** Says whether a connection may be made, and why not: what the canvas shows while dragging one. */
public final class Connections {
    private Connections() {
    }

    /**
     * Returns the edge to add for a connection from {@code from}'s output into {@code to}, on the
     * next free port for merges, or the reason it would be invalid.
     */
    public static Result connect(Graph graph, String from, String to) {
        LayerNode target = graph.node(to);
        LayerNode source = graph.node(from);
        if (from.equals(to)) {
            return Result.refused("a layer cannot feed itself");
        }
        Arity arity = target.spec().type().arity();
        int inputs = graph.inputsOf(to).size();
        if (arity == Arity.NONE) {
            return Result.refused(target.kind() + " '" + target.name() + "' takes no inputs");
        }
        if (arity == Arity.ONE && inputs > 0) {
            return Result.refused(target.kind() + " '" + target.name()
                    + "' takes one input and has one; use an Add or Concat to merge");
        }
        if (arity == Arity.ONE_OR_THREE && inputs >= 3) {
            return Result.refused(target.kind() + " '" + target.name()
                    + "' takes one input or three (query, key, value) and has three");
        }
        if (target.spec() instanceof Block block && graph.blocks().containsKey(block.definition())) {
            int takes = graph.blocks().get(block.definition()).inputs().size();
            if (inputs >= takes) {
                return Result.refused("block '" + target.name() + "' takes " + takes + (takes == 1 ? " input" : " inputs")
                        + " and has " + inputs);
            }
        }
        if (graph.edges().stream().anyMatch(e -> e.from().equals(from) && e.to().equals(to))) {
            return Result.refused("'" + source.name() + "' already feeds '" + target.name() + "'");
        }
        if (reaches(graph, to, from)) {
            return Result.refused("it would make a cycle: '" + target.name() + "' already feeds '"
                    + source.name() + "'");
        }
        int port = graph.inputsOf(to).stream().mapToInt(Edge::port).max().orElse(-1) + 1;
        return new Result(Optional.of(new Edge(from, to, arity == Arity.ONE ? 0 : port)), null);
    }

    /** Returns whether data flows from {@code start} to {@code goal}. */
    private static boolean reaches(Graph graph, String start, String goal) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (id.equals(goal)) {
                return true;
            }
            if (seen.add(id)) {
                graph.outputsOf(id).forEach(e -> queue.add(e.to()));
            }
        }
        return false;
    }

    /**
     * A connection to make, or the reason not to.
     *
     * @param edge the edge, when allowed
     * @param refusal why not, when refused
     */
    public record Result(Optional<Edge> edge, String refusal) {
        static Result refused(String why) {
            return new Result(Optional.empty(), why);
        }

        /** Returns whether the connection is allowed. */
        public boolean allowed() {
            return edge.isPresent();
        }
    }
}
