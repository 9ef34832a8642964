package org.layercanvas.edit;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * One change of the open design, with what it touched, so that views redraw only that: the layers
 * and connections added and removed, and the layers whose own values or analysis changed (a new
 * shape flows down to every layer after an edited one).
 *
 * @param before the design before
 * @param after the design after
 * @param analysis the analysis of {@code after}
 * @param added ids of the layers added
 * @param removed ids of the layers removed
 * @param updated ids of layers in both whose values, position, report or problems changed, or whose
 *     block definition did
 * @param edgesAdded connections added
 * @param edgesRemoved connections removed
 * @param reopened whether another document replaced the design (open, new, restore): views start
 *     over from {@code after} instead of applying a difference
 */
public record DesignChange(Design before, Design after, Analysis analysis, Set<String> added, Set<String> removed,
        Set<String> updated, Set<Edge> edgesAdded, Set<Edge> edgesRemoved, boolean reopened) {
    public DesignChange {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
        updated = Set.copyOf(updated);
        edgesAdded = Set.copyOf(edgesAdded);
        edgesRemoved = Set.copyOf(edgesRemoved);
    }

    /**
     * Returns whether the drawing changed at all: the graph or the way it is drawn (a dataset or
     * training edit leaves both as they were).
     */
    public boolean graphChanged() {
        return reopened || before.flow() != after.flow() || !added.isEmpty() || !removed.isEmpty() || !updated.isEmpty() || !edgesAdded.isEmpty()
                || !edgesRemoved.isEmpty();
    }

    /** Returns whether {@code n} is a block instance whose definition is another in {@code b} than in {@code a}. */
    private static boolean definitionChanged(Graph a, Graph b, LayerNode n) {
        return n.spec() instanceof Block block
                && !Objects.equals(a.blocks().get(block.definition()), b.blocks().get(block.definition()));
    }

    /** Returns the change that replaces {@code before} with another document. */
    public static DesignChange reopen(Design before, Design after, Analysis analysis) {
        return new DesignChange(before, after, analysis, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), true);
    }

    /**
     * Returns the difference between two versions of a design. Linear in the layers and connections:
     * unchanged layers are the same objects in both graphs (commands share them), which compares at once.
     */
    public static DesignChange between(Design before, Analysis beforeAnalysis, Design after, Analysis afterAnalysis) {
        Graph a = before.graph();
        Graph b = after.graph();
        if (a == b) {
            return new DesignChange(before, after, afterAnalysis, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                    false);
        }
        Set<String> added = new LinkedHashSet<>();
        Set<String> updated = new LinkedHashSet<>();
        for (LayerNode n : b.nodes()) {
            if (!a.contains(n.id())) {
                added.add(n.id());
                continue;
            }
            LayerNode old = a.node(n.id());
            if ((old != n && !old.equals(n)) || definitionChanged(a, b, n) || !beforeAnalysis.report(n.id()).equals(afterAnalysis.report(n.id()))
                    || !beforeAnalysis.diagnosticsOf(n.id()).equals(afterAnalysis.diagnosticsOf(n.id()))) {
                updated.add(n.id());
            }
        }
        Set<String> removed = new LinkedHashSet<>();
        for (LayerNode n : a.nodes()) {
            if (!b.contains(n.id())) {
                removed.add(n.id());
            }
        }
        Set<Edge> oldEdges = new HashSet<>(a.edges());
        Set<Edge> newEdges = new HashSet<>(b.edges());
        Set<Edge> edgesAdded = new LinkedHashSet<>();
        for (Edge e : b.edges()) {
            if (!oldEdges.contains(e)) {
                edgesAdded.add(e);
            }
        }
        Set<Edge> edgesRemoved = new LinkedHashSet<>();
        for (Edge e : a.edges()) {
            if (!newEdges.contains(e)) {
                edgesRemoved.add(e);
            }
        }
        return new DesignChange(before, after, afterAnalysis, added, removed, updated, edgesAdded, edgesRemoved, false);
    }
}
