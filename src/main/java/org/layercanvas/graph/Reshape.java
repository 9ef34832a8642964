package org.layercanvas.graph;

import java.util.List;

/** Gives each sample another shape with the same number of values; one size may be -1 (inferred). */
public record Reshape(List<Integer> shape) implements LayerSpec {

    public Reshape {
        shape = List.copyOf(shape);
    }

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        int[] out = Window.toArray(shape);
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) {
                    return Inference.error("has more than one -1 in shape " + Param.format(shape));
                }
                unknown = i;
            } else if (out[i] == 0) {
                return Inference.error("has a 0 in shape " + Param.format(shape));
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (in.size() % known != 0) {
                return Inference.error("cannot reshape " + in + " (" + in.size() + " values) to "
                        + Param.format(shape) + ": " + in.size() + " is not a multiple of " + known);
            }
            out[unknown] = (int) (in.size() / known);
        } else if (known != in.size()) {
            return Inference.error("cannot reshape " + in + " (" + in.size() + " values) to " + Shape.of(out)
                    + " (" + known + " values)");
        }
        return Inference.ok(Shape.of(out));
    }
}
