package org.layercanvas.graph;

/**
 * A transposed convolution over one or two spatial axes of a channels-first input: each input
 * position scatters a learned filter into the output, so a stride enlarges the input (the upsampling
 * half of a U-Net or an autoencoder). Sizes follow PyTorch's {@code nn.ConvTranspose1d/2d}:
 * {@code (in - 1)·stride - 2·padding + dilation·(kernel - 1) + outputPadding + 1}.
 */
public sealed interface ConvTranspose extends LayerSpec permits ConvTranspose1d, ConvTranspose2d {

    /** Returns the number of output channels. */
    int filters();

    /** Returns the number of channel groups. */
    int groups();

    /** Returns whether the layer learns a bias. */
    boolean bias();

    /** Returns the kernel, stride and dilation per spatial axis. */
    Window window();

    /** Returns the size taken off both ends of each spatial axis of the output. */
    int[] pads();

    /** Returns the size added at the far end of each spatial axis of the output. */
    int[] outputPads();

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
        int[] pads = pads();
        int[] extra = outputPads();
        int[] out = new int[rank + 1];
        out[0] = filters();
        for (int i = 0; i < rank; i++) {
            if (extra[i] >= w.stride()[i] && extra[i] >= w.dilation()[i]) {
                return Inference.error("has output padding " + extra[i] + ", which must be smaller than its stride "
                        + w.stride()[i] + " or its dilation " + w.dilation()[i]);
            }
            long size = (long) (in.dim(i + 1) - 1) * w.stride()[i] - 2L * pads[i]
                    + (long) w.dilation()[i] * (w.kernel()[i] - 1) + extra[i] + 1;
            if (size <= 0 || size > Integer.MAX_VALUE) {
                return Inference.error("would make an output of size " + size + " from its input " + in
                        + ": padding " + pads[i] + " takes off more than the kernel adds");
            }
            out[i + 1] = (int) size;
        }
        Shape result = Shape.of(out);
        long perInput = (long) (filters() / groups()) * w.kernelVolume();
        long params = channels * perInput + (bias() ? filters() : 0);
        return Inference.ok(result, params, in.size() * perInput);
    }
}
