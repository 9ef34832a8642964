package org.layercanvas.graph;

/** A gated recurrent unit layer. */
public record GRU(int hidden, int layers, boolean bidirectional, boolean returnSequences) implements Recurrent {

    @Override
    public int gates() {
        return 3;
    }
}
