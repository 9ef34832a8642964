package org.layercanvas.graph;

/** A 1-D convolution over (C,L) inputs. */
public record Conv1d(int filters, int kernel, int stride, String padding, int dilation, int groups, boolean bias)
        implements Convolution {

    @Override
    public Window window() {
        return Window.of1d(kernel, stride, dilation);
    }
}
