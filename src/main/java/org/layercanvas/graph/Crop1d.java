package org.layercanvas.graph;

/** Cuts positions off both ends of a sequence (C,L), as slicing it. */
public record Crop1d(int start, int end) implements Border {

    @Override
    public int spatialRank() {
        return 1;
    }

    @Override
    public boolean crops() {
        return true;
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
