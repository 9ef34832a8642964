package org.layercanvas.graph;

/** Zeroes a random fraction of values while training; passes everything through at inference. */
public record Dropout(double rate) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        return Inference.ok(inputs.shape());
    }
}
