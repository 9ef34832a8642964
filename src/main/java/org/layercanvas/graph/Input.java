package org.layercanvas.graph;

import java.util.List;

/** Where data enters the network: one sample's shape, batch left out. */
public record Input(List<Integer> shape) implements LayerSpec {

    public Input {
        shape = List.copyOf(shape);
    }

    @Override
    public Inference infer(LayerInputs inputs) {
        return Inference.ok(Shape.of(shape));
    }
}
