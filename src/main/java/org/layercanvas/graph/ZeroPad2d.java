package org.layercanvas.graph;

/** Adds zeros around an image (C,H,W), as {@code nn.ZeroPad2d}. */
public record ZeroPad2d(int top, int bottom, int left, int right) implements Border {

    @Override
    public int spatialRank() {
        return 2;
    }

    @Override
    public boolean crops() {
        return false;
    }

    @Override
    public int[] before() {
        return new int[] {top, left};
    }

    @Override
    public int[] after() {
        return new int[] {bottom, right};
    }
}
