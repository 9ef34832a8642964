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
        int rank = w.rank();
        Shape in = inputs.shape();
        if (in.rank() != rank + 1) {
            return Inference.error("expects input " + Window.layout(rank) + ", got " + in);
        }
        int[] pads = pads();
        int[] out = new int[rank + 1];
        out[0] = in.dim(0);
        for (int i = 0; i < rank; i++) {
            if (pads[i] * 2 > w.kernel()[i]) {
                return Inference.error("has padding " + pads[i] + ", more than half its kernel "
                        + w.kernel()[i]);
            }
            out[i + 1] = w.outputSize(i, in.dim(i + 1), pads[i]);
        }
        Shape result = Shape.of(out);
        for (int i = 1; i <= rank; i++) {
            if (out[i] <= 0) {
                return Inference.error("shrinks its input " + in + " to " + result + ": kernel "
                        + Param.format(w.kernelList()) + " does not fit");
            }
        }
        return Inference.ok(result);
    }
}
