package org.layercanvas.graph;

/**
 * Interpolates a sequence (C,L) to a longer (or shorter) one, as {@code nn.Upsample} on 3-D input.
 *
 * @param mode {@code nearest} or {@code linear}
 * @param scale the factor the length grows by, when {@code size} is 0
 * @param size the output length, or 0 to scale
 * @param alignCorners whether linear interpolation maps the end points onto each other
 */
public record Upsample1d(String mode, int scale, int size, boolean alignCorners) implements Upsample {

    @Override
    public int spatialRank() {
        return 1;
    }

    @Override
    public int[] scales() {
        return new int[] {scale};
    }

    @Override
    public int[] sizes() {
        return new int[] {size};
    }
}
