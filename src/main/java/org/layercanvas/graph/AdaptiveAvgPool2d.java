package org.layercanvas.graph;

import java.util.List;

/**
 * Averages an image (C,H,W) down to a fixed output size whatever its input size, as PyTorch's
 * {@code nn.AdaptiveAvgPool2d}: output cell i covers the input from floor(i·in/out) to
 * ceil((i+1)·in/out).
 *
 * @param size the output height and width
 */
public record AdaptiveAvgPool2d(List<Integer> size) implements Resizing {

    public AdaptiveAvgPool2d {
        size = List.copyOf(size);
    }

    @Override
    public int spatialRank() {
        return 2;
    }

    @Override
    public SizesOrError resize(int[] in) {
        // a size larger than the input is allowed, as in PyTorch: its cells then overlap
        return SizesOrError.of(Window.toArray(size));
    }

    @Override
    public long flopsPerOutput() {
        return 1;
    }
}
