package org.layercanvas.graph;

/** Adds zeros at both ends of a sequence (C,L), as {@code nn.ConstantPad1d} with 0. */
public record ZeroPad1d(int start, int end) implements Border {

    @Override
    public int spatialRank() {
        return 1;
    }

    @Override
    public boolean crops() {
        return false;
    }

    @Override
    public int[] before() {
        return new int[] {start};
    }

    @Override
    public int[] after() {
        return new int[] {end};
    }
}
