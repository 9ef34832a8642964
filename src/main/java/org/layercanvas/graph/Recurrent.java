package org.layercanvas.graph;

/** A recurrent layer (LSTM, GRU, SimpleRNN) over a (T,F) sequence; batch first. */
public sealed interface Recurrent extends LayerSpec permits LSTM, GRU, SimpleRNN {

    /** Returns the size of the hidden state per direction. */
    int hidden();

    /** Returns the number of stacked layers. */
    int layers();

    /** Returns whether a second layer reads the sequence backwards; outputs are concatenated. */
    boolean bidirectional();

    /** Returns whether the output is every step (T,H) rather than the last step (H). */
    boolean returnSequences();

    /** Returns the number of gates per cell: 4 for LSTM, 3 for GRU, 1 for SimpleRNN. */
    int gates();

    @Override
    default Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (in.rank() != 2) {
            return Inference.error("expects a sequence (T,F) of feature vectors, got " + in
                    + "; an Embedding or a Reshape before it makes one");
        }
        int directions = bidirectional() ? 2 : 1;
        int width = hidden() * directions;
        long params = 0;
        long flopsPerStep = 0;
        for (int layer = 0; layer < layers(); layer++) {
            long features = layer == 0 ? in.dim(1) : width;
            long weights = (long) gates() * hidden() * (features + hidden());
            params += directions * (weights + 2L * gates() * hidden());
            flopsPerStep += directions * weights;
        }
        Shape out = returnSequences() ? Shape.of(in.dim(0), width) : Shape.of(width);
        return Inference.ok(out, params, flopsPerStep * in.dim(0));
    }
}
