package org.layercanvas.graph;

/**
 * A plain (Elman) recurrent layer, as PyTorch's {@code nn.RNN}: h' = act(W·x + b + U·h + c).
 *
 * @param activation {@code tanh} or {@code relu}
 */
public record SimpleRNN(int hidden, int layers, String activation, boolean bidirectional, boolean returnSequences)
        implements Recurrent {

    @Override
    public int gates() {
        return 1;
    }
}
