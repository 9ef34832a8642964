package org.layercanvas.graph;

/** A long short-term memory layer. */
public record LSTM(int hidden, int layers, boolean bidirectional, boolean returnSequences) implements Recurrent {

    @Override
    public int gates() {
        return 4;
    }
}
