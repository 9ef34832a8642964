package org.layercanvas.graph;

import java.util.ArrayList;
import java.util.List;

/** Builds graphs for tests: named layers, wired in a chain or by hand. */
public final class TestGraphs {
    private final List<LayerNode> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    /** Adds a layer named {@code name} (its id is the name too) and returns this builder. */
    public TestGraphs add(String name, LayerSpec spec) {
        nodes.add(new LayerNode(name, name, spec, new Position(0, nodes.size() * 100)));
        return this;
    }

    /** Connects {@code from} into {@code to}'s port 0. */
    public TestGraphs link(String from, String to) {
        return link(from, to, 0);
    }

    /** Connects {@code from} into {@code to}'s given port. */
    public TestGraphs link(String from, String to, int port) {
        edges.add(new Edge(from, to, port));
        return this;
    }

    /** Returns the graph built so far. */
    public Graph build() {
        return Graph.of(nodes, edges);
    }

    /** Returns a chain Input(shape) → layers → Output(classes), named input, l1, l2, ..., output. */
    public static Graph chain(List<Integer> inputShape, int classes, LayerSpec... layers) {
        TestGraphs g = new TestGraphs().add("input", new Input(inputShape));
        String previous = "input";
        for (int i = 0; i < layers.length; i++) {
            String name = "l" + (i + 1);
            g.add(name, layers[i]).link(previous, name);
            previous = name;
        }
        return g.add("output", new Output(Output.SOFTMAX_CROSS_ENTROPY, classes)).link(previous, "output").build();
    }
}
