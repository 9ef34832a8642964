package org.layercanvas.bench;

import java.util.List;
import org.layercanvas.graph.Add;
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
}
