package org.layercanvas.graph;

import java.util.Locale;

/**
 * Enlarges (or shrinks) the spatial axes by interpolation, as PyTorch's {@code nn.Upsample}: by a
 * whole scale factor, or to a given size. Nearest takes the value at the floor of the position in the
 * input; linear interpolates between the two nearest values, from the pixels' centres, or with the
 * corners aligned.
 */
public sealed interface Upsample extends Resizing permits Upsample1d, Upsample2d {
    /** The nearest-value mode's name. */
    String NEAREST = "nearest";

    /** Returns the interpolation: {@value #NEAREST}, or linear ({@code linear}, {@code bilinear}). */
    String mode();

    /** Returns the scale factor per spatial axis. */
    int[] scales();

    /** Returns the output size per spatial axis, all 0 when the scale sets it. */
    int[] sizes();

    /** Returns whether linear interpolation maps the corner pixels onto each other. */
    boolean alignCorners();

    /** Returns whether the mode interpolates linearly. */
    default boolean linear() {
        return !mode().toLowerCase(Locale.ROOT).equals(NEAREST);
    }

    @Override
    default SizesOrError resize(int[] in) {
        int[] size = sizes();
        boolean given = java.util.Arrays.stream(size).anyMatch(s -> s != 0);
        if (given && java.util.Arrays.stream(size).anyMatch(s -> s == 0)) {
            return SizesOrError.error("has size " + Param.format(java.util.Arrays.stream(size).boxed().toList())
                    + ": give every size, or all 0 to scale by " + Param.format(
                    java.util.Arrays.stream(scales()).boxed().toList()));
        }
        if (alignCorners() && !linear()) {
            return SizesOrError.error("has alignCorners on, which only linear interpolation uses;"
                    + " turn it off or choose a linear mode");
        }
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = given ? size[i] : in[i] * scales()[i];
        }
        return SizesOrError.of(out);
    }

    @Override
    default long flopsPerOutput() {
        return linear() ? 1L << spatialRank() : 0;
    }
}
