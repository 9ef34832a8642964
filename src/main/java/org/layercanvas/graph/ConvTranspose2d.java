package org.layercanvas.graph;

import java.util.List;

/** A 2-D transposed convolution over (C,H,W) inputs, as PyTorch's {@code nn.ConvTranspose2d}. */
public record ConvTranspose2d(int filters, List<Integer> kernel, List<Integer> stride, List<Integer> padding,
        List<Integer> outputPadding, List<Integer> dilation, int groups, boolean bias) implements ConvTranspose {

    public ConvTranspose2d {
        kernel = List.copyOf(kernel);
        stride = List.copyOf(stride);
        padding = List.copyOf(padding);
        outputPadding = List.copyOf(outputPadding);
        dilation = List.copyOf(dilation);
    }

    @Override
    public Window window() {
        return Window.of(kernel, stride, dilation);
    }

    @Override
    public int[] pads() {
        return Window.toArray(padding);
    }

    @Override
    public int[] outputPads() {
        return Window.toArray(outputPadding);
    }
}
