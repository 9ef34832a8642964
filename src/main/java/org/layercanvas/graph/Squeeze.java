package org.layercanvas.graph;

/**
 * Removes an axis of size 1 from a sample, as PyTorch's {@code squeeze(dim)}: (1,28,28) to (28,28).
 *
 * @param axis the axis to remove (0 = first, -1 = last)
 */
public record Squeeze(int axis) implements AxisLayer {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (!Axes.check(axis, in)) {
            return Inference.error(Axes.outOfRange(axis, in));
        }
        int at = Axes.normalize(axis, in.rank());
        if (in.dim(at) != 1) {
            return Inference.error("removes axis " + axis + " of its input " + in + ", which has size " + in.dim(at)
                    + "; only an axis of size 1 can go");
        }
        if (in.rank() == 1) {
            return Inference.error("would leave its input " + in + " with no axes");
        }
        int[] out = new int[in.rank() - 1];
        for (int i = 0, j = 0; i < in.rank(); i++) {
            if (i != at) {
                out[j++] = in.dim(i);
            }
        }
        return Inference.ok(Shape.of(out));
    }

    /** Returns the axis in a batch for an input of {@code rank} axes per sample. */
    public int batchedAxis(int rank) {
        return Axes.normalize(axis, rank) + 1;
    }
}
