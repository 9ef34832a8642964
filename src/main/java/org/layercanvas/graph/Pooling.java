package org.layercanvas.graph;

/** A max or average pooling window over one or two spatial axes of a channels-first input. */
public sealed interface Pooling extends LayerSpec permits MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d {

    /** Returns the kernel and stride per spatial axis (dilation 1). */
    Window window();

    /** Returns the zero padding per spatial axis. */
    int[] pads();

    @Override
    default Inference infer(LayerInputs inputs) {
        Window w = window();
        int[] pads = pads();
        for (int i = 0; i < w.rank(); i++) {
            if (pads[i] * 2 > w.kernel()[i]) {
                return Inference.error("has padding " + pads[i] + ", more than half its kernel "
                        + w.kernel()[i]);
            }
        }
        Shape in = inputs.shape();
        return w.slide(in, in.dim(0), pads);
    }
}
