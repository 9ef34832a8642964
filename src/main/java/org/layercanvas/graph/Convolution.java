package org.layercanvas.graph;

/** A convolution over one or two spatial axes of a channels-first input. */
public sealed interface Convolution extends LayerSpec permits Conv1d, Conv2d {

    /** Returns the number of output channels. */
    int filters();

    /** Returns the padding text: {@code same}, {@code valid} or sizes. */
    String padding();

    /** Returns the number of channel groups. */
    int groups();

    /** Returns whether the layer learns a bias. */
    boolean bias();

    /** Returns the kernel, stride and dilation per spatial axis. */
    Window window();

    /**
     * Returns the zero padding per spatial axis that the padding text means, or {@code null} when it
     * cannot be honoured ('same' with a stride, or the wrong number of sizes).
     */
    default int[] resolvedPadding() {
        Padding pad = Padding.parse(padding());
        return pad.same() ? window().samePadding() : pad.explicit(window().rank());
    }

    @Override
    default Inference infer(LayerInputs inputs) {
        Window w = window();
        int rank = w.rank();
        Shape in = inputs.shape();
        if (in.rank() != rank + 1) {
            return Inference.error("expects input " + Window.layout(rank) + ", got " + in);
        }
        int channels = in.dim(0);
        if (channels % groups() != 0 || filters() % groups() != 0) {
            return Inference.error("has groups " + groups() + ", which must divide both its " + channels
                    + " input channels and its " + filters() + " filters");
        }
        int[] pads = resolvedPadding();
        if (pads == null) {
            if (Padding.parse(padding()).same()) {
                return Inference.error("cannot use padding 'same' with stride " + Param.format(w.strideList())
                        + " and kernel " + Param.format(w.kernelList())
                        + "; it needs stride 1 and an odd (dilated) kernel");
            }
            return Inference.error("has padding '" + padding() + "' but needs 1 or " + rank + " sizes");
        }
        Inference slid = w.slide(in, filters(), pads);
        if (!slid.isOk()) {
            return slid;
        }
        Shape result = slid.output();
        long perOutput = (long) (channels / groups()) * w.kernelVolume();
        long params = filters() * perOutput + (bias() ? filters() : 0);
        return Inference.ok(result, params, result.size() * perOutput);
    }
}
