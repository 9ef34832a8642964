package org.layercanvas.graph;

/** A layer that changes the spatial sizes of a channels-first (C,L) or (C,H,W) input, channels kept. */
public sealed interface Resizing extends LayerSpec permits Upsample, Border, AdaptiveAvgPool2d {

    /** Returns the number of spatial axes the layer works on: 1 for (C,L), 2 for (C,H,W). */
    int spatialRank();

    /** Returns the output's spatial sizes for an input of these spatial sizes, or why there are none. */
    SizesOrError resize(int[] sizes);

    /** Spatial output sizes, or the reason a layer cannot make them. */
    record SizesOrError(int[] sizes, String error) {
        static SizesOrError of(int... sizes) {
            return new SizesOrError(sizes, null);
        }

        static SizesOrError error(String message) {
            return new SizesOrError(null, message);
        }
    }

    @Override
    default Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (in.rank() != spatialRank() + 1) {
            return Inference.error("expects input " + Window.layout(spatialRank()) + ", got " + in);
        }
        int[] dims = in.dims();
        int[] spatial = java.util.Arrays.copyOfRange(dims, 1, dims.length);
        SizesOrError out = resize(spatial);
        if (out.error() != null) {
            return Inference.error(out.error());
        }
        int[] result = new int[dims.length];
        result[0] = dims[0];
        System.arraycopy(out.sizes(), 0, result, 1, spatial.length);
        for (int i = 1; i < result.length; i++) {
            if (result[i] <= 0) {
                return Inference.error("would make its input " + in + " into " + Shape.of(result)
                        + ", which has no values");
            }
        }
        Shape output = Shape.of(result);
        return Inference.ok(output, 0, flopsPerOutput() * output.size());
    }

    /** Returns the multiply-adds of one output value: none for padding and cropping. */
    default long flopsPerOutput() {
        return 0;
    }
}
