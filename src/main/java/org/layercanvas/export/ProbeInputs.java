package org.layercanvas.export;

import java.util.Random;
import org.layercanvas.graph.Embedding;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;

/** Inputs that exports are verified on: seeded random features, or valid token ids for an Embedding. */
public final class ProbeInputs {
    private ProbeInputs() {
    }

    /** Returns {@code n} samples for the design's (single) Input, one after another. */
    public static float[] of(Graph graph, int n, long seed) {
        LayerNode input = graph.nodes().stream().filter(node -> node.spec() instanceof Input).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the design has no Input layer"));
        int size = ((Input) input.spec()).shape().stream().mapToInt(Integer::intValue).reduce(1, (a, b) -> a * b);
        int vocabulary = graph.outputsOf(input.id()).stream().map(e -> graph.node(e.to()).spec())
                .filter(s -> s instanceof Embedding).mapToInt(s -> ((Embedding) s).vocabulary()).min().orElse(0);
        Random random = new Random(seed);
        float[] x = new float[n * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = vocabulary > 0 ? random.nextInt(vocabulary) : (float) random.nextGaussian();
        }
        return x;
    }
}
