package org.layercanvas.graph;

/** Average pooling over (C,L) inputs. */
public record AvgPool1d(int kernel, int stride, int padding) implements Pooling {

    @Override
    public Window window() {
        return Window.of1d(kernel, stride, 1);
    }

    @Override
    public int[] pads() {
        return new int[] {padding};
    }
}
