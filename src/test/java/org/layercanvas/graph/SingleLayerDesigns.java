package org.layercanvas.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one layer case into a whole design an export can take: one Input, the layer, and a Flatten
 * into a regression Output. A layer with several inputs gets each from its own Dense and Reshape
 * of a shared Input, so every port sees different values.
 */
public final class SingleLayerDesigns {
    private SingleLayerDesigns() {
    }

    /** Returns the design that holds the case's layer, named after its kind. */
    public static Design of(LayerCases.Case c) {
        List<LayerNode> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        LayerSpec spec = c.spec();
        String layer = "the layer";
        if (spec instanceof Input) {
            nodes.add(node("n0", layer, spec));
        } else if (c.inputs().size() == 1) {
            nodes.add(node("in", "input", new Input(c.inputs().get(0).toList())));
            nodes.add(node("n0", layer, spec));
            edges.add(new Edge("in", "n0", 0));
        } else {
            nodes.add(node("in", "input", new Input(List.of(8))));
            nodes.add(node("n0", layer, spec));
            for (int i = 0; i < c.inputs().size(); i++) {
                Shape shape = c.inputs().get(i);
                nodes.add(node("d" + i, "dense " + i, new Dense((int) shape.size(), true)));
                nodes.add(node("r" + i, "reshape " + i, new Reshape(shape.toList())));
                edges.add(new Edge("in", "d" + i, 0));
                edges.add(new Edge("d" + i, "r" + i, 0));
                edges.add(new Edge("r" + i, "n0", i));
            }
        }
        if (spec instanceof Output) {
            return Design.of(spec.type().name(), Graph.of(nodes, edges));
        }
        nodes.add(node("flat", "flatten", new Flatten()));
        edges.add(new Edge("n0", "flat", 0));
        Graph open = Graph.of(nodes, edges);
        int width = Analysis.of(open).shape("flat").dim(0);
        nodes.add(node("out", "output", new Output(Output.MSE, width)));
        edges.add(new Edge("flat", "out", 0));
        Graph graph = Graph.of(nodes, edges);
        if (Analysis.of(graph).hasErrors()) {
            throw new IllegalStateException(c + " makes a design with errors: " + Analysis.of(graph).diagnostics());
        }
        return Design.of(spec.type().name(), graph);
    }

    private static LayerNode node(String id, String name, LayerSpec spec) {
        return new LayerNode(id, name, spec, new Position(0, 0));
    }
}
