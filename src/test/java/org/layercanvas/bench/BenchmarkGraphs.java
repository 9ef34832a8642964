package org.layercanvas.bench;

import java.util.List;
import org.layercanvas.graph.Add;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.BlockInput;
import org.layercanvas.graph.BlockOutput;
import org.layercanvas.graph.Concat;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

/** Generated designs of a chosen size for benchmarks: plain chains and DAGs with skips and merges. */
public final class BenchmarkGraphs {
    private BenchmarkGraphs() {
    }

    /** Returns Input → alternating Dense/ReLU → Output with {@code nodes} layers in all. */
    public static Graph chain(int nodes) {
        TestGraphs g = new TestGraphs().add("input", new Input(List.of(64)));
        String previous = "input";
        for (int i = 0; i < nodes - 2; i++) {
            String name = "l" + i;
            g.add(name, i % 2 == 0 ? new Dense(64, true) : new ReLU()).link(previous, name);
            previous = name;
        }
        return g.add("output", new Output(Output.MSE, 64)).link(previous, "output").build();
    }

    /**
     * Returns a DAG of about {@code nodes} layers: residual blocks (Dense, ReLU, Add with a skip)
     * alternating with two-branch blocks joined by a Concat and projected back by a Dense.
     */
    public static Graph dag(int nodes) {
        TestGraphs g = new TestGraphs().add("input", new Input(List.of(64)));
        String previous = "input";
        int count = 1;
        for (int b = 0; count < nodes - 5; b++) {
            String p = "b" + b + "_";
            if (b % 2 == 0) {
                g.add(p + "dense", new Dense(64, true)).link(previous, p + "dense")
                        .add(p + "relu", new ReLU()).link(p + "dense", p + "relu")
                        .add(p + "add", new Add()).link(previous, p + "add", 0).link(p + "relu", p + "add", 1);
                previous = p + "add";
                count += 3;
            } else {
                g.add(p + "left", new Dense(32, true)).link(previous, p + "left")
                        .add(p + "right", new Dense(32, true)).link(previous, p + "right")
                        .add(p + "cat", new Concat(0)).link(p + "left", p + "cat", 0).link(p + "right", p + "cat", 1)
                        .add(p + "proj", new Dense(64, true)).link(p + "cat", p + "proj");
                previous = p + "proj";
                count += 4;
            }
        }
        return g.add("output", new Output(Output.MSE, 64)).link(previous, "output").build();
    }

    /**
     * Returns a design of about {@code layers} layers expressed with blocks, the way a ResNet is:
     * four stages, each an instance of its own residual unit (Dense, ReLU, Dense, Add with the skip,
     * ReLU) repeated to make up the size. The design itself is 7 cards; each stage's body 7 more.
     */
    public static Graph blocks(int layers) {
        int repeat = Math.max(1, (layers - 3) / 20);
        TestGraphs g = new TestGraphs().add("input", new Input(List.of(64)));
        String previous = "input";
        java.util.Map<String, BlockDefinition> definitions = new java.util.LinkedHashMap<>();
        for (int s = 1; s <= 4; s++) {
            Graph body = new TestGraphs().add("in", new BlockInput(0)).add("fc1", new Dense(64, true))
                    .add("relu1", new ReLU()).add("fc2", new Dense(64, true)).add("sum", new Add())
                    .add("relu", new ReLU()).add("out", new BlockOutput())
                    .link("in", "fc1").link("fc1", "relu1").link("relu1", "fc2").link("in", "sum", 0)
                    .link("fc2", "sum", 1).link("sum", "relu").link("relu", "out").build();
            definitions.put("unit" + s, new BlockDefinition("unit" + s, body));
            g.add("stage" + s, new Block("unit" + s, repeat)).link(previous, "stage" + s);
            previous = "stage" + s;
        }
        return g.add("head", new Dense(10, true)).link(previous, "head")
                .add("output", new Output(Output.MSE, 10)).link("head", "output").build().withBlocks(definitions);
    }
}
