package org.layercanvas.graph;

/** Looks up a learned vector for each integer token id. */
public record Embedding(int vocabulary, int dim) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (in.rank() != 1) {
            return Inference.error("expects a sequence of token ids (L), got " + in);
        }
        return Inference.ok(Shape.of(in.dim(0), dim), (long) vocabulary * dim, 0);
    }
}
