package org.layercanvas.graph;

import java.util.List;

/**
 * Interpolates an image (C,H,W) to a larger (or smaller) one, as {@code nn.Upsample} on 4-D input.
 *
 * @param mode {@code nearest} or {@code bilinear}
 * @param scale the factors height and width grow by, when {@code size} is 0,0
 * @param size the output height and width, or 0,0 to scale
 * @param alignCorners whether bilinear interpolation maps the corner pixels onto each other
 */
public record Upsample2d(String mode, List<Integer> scale, List<Integer> size, boolean alignCorners)
        implements Upsample {

    public Upsample2d {
        scale = List.copyOf(scale);
        size = List.copyOf(size);
    }

    @Override
    public int spatialRank() {
        return 2;
    }

    @Override
    public int[] scales() {
        return Window.toArray(scale);
    }

    @Override
    public int[] sizes() {
        return Window.toArray(size);
    }
}
