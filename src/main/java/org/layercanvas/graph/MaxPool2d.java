package org.layercanvas.graph;

import java.util.List;

/** Maximum pooling over (C,H,W) inputs. */
public record MaxPool2d(List<Integer> kernel, List<Integer> stride, List<Integer> padding) implements Pooling {

    public MaxPool2d {
        kernel = List.copyOf(kernel);
        stride = List.copyOf(stride);
        padding = List.copyOf(padding);
    }

    @Override
    public Window window() {
        return Window.of(kernel, stride, List.of(1, 1));
    }

    @Override
    public int[] pads() {
        return Window.toArray(padding);
    }
}
