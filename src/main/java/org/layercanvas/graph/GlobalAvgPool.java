package org.layercanvas.graph;

/** Averages each channel over all its spatial positions: (C,...) to (C). */
public record GlobalAvgPool() implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        return GlobalMaxPool.global(inputs);
    }
}
