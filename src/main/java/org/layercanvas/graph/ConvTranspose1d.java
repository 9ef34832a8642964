package org.layercanvas.graph;

/** A 1-D transposed convolution over (C,L) inputs, as PyTorch's {@code nn.ConvTranspose1d}. */
public record ConvTranspose1d(int filters, int kernel, int stride, int padding, int outputPadding, int dilation,
        int groups, boolean bias) implements ConvTranspose {

    @Override
    public Window window() {
        return Window.of1d(kernel, stride, dilation);
    }

    @Override
    public int[] pads() {
        return new int[] {padding};
    }

    @Override
    public int[] outputPads() {
        return new int[] {outputPadding};
    }
}
