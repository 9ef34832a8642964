package org.layercanvas.graph;

/** Joins its inputs along one axis; all other sizes must agree. */
public record Concat(int axis) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape first = inputs.shape();
        int rank = first.rank();
        if (axis >= rank || axis < -rank) {
            return Inference.error("has axis " + axis + " but its input " + inputs.describe(0) + " has " + rank
                    + " axes");
        }
        int a = axis < 0 ? rank + axis : axis;
        long total = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Shape s = inputs.shapes().get(i);
            if (s.rank() != rank) {
                return Inference.error("needs inputs with the same number of axes; got " + inputs.describe(0)
                        + " and " + inputs.describe(i));
            }
            for (int d = 0; d < rank; d++) {
                if (d != a && s.dim(d) != first.dim(d)) {
                    return Inference.error("needs inputs that agree off the concat axis " + axis + "; got "
                            + inputs.describe(0) + " and " + inputs.describe(i));
                }
            }
            total += s.dim(a);
        }
        if (total > Integer.MAX_VALUE) {
            return Inference.error("would have " + total + " values along axis " + axis);
        }
        return Inference.ok(first.with(a, (int) total));
    }
}
