package org.layercanvas.graph;

import java.util.List;

/** A 2-D convolution over (C,H,W) inputs. */
public record Conv2d(
        int filters, List<Integer> kernel, List<Integer> stride, String padding, List<Integer> dilation,
        int groups, boolean bias) implements Convolution {

    public Conv2d {
        kernel = List.copyOf(kernel);
        stride = List.copyOf(stride);
        dilation = List.copyOf(dilation);
    }

    @Override
    public Window window() {
        return Window.of(kernel, stride, dilation);
    }
}
