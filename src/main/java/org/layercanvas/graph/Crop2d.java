package org.layercanvas.graph;

/** Cuts rows and columns off the sides of an image (C,H,W), as slicing it (U-Net's skip crops). */
public record Crop2d(int top, int bottom, int left, int right) implements Border {

    @Override
    public int spatialRank() {
        return 2;
    }

    @Override
    public boolean crops() {
        return true;
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
