package org.layercanvas.graph;

/**
 * Inserts an axis of size 1 into a sample, as PyTorch's {@code unsqueeze(dim)}: (28,28) to (1,28,28)
 * with axis 0.
 *
 * @param axis where the new axis goes in the output (0 = first, -1 = last)
 */
public record Unsqueeze(int axis) implements AxisLayer {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        int rank = in.rank() + 1;
        if (axis >= rank || axis < -rank) {
            return Inference.error("inserts axis " + axis + ", but its output has " + rank + " axes (from "
                    + (-rank) + " to " + (rank - 1) + ")");
        }
        int at = Axes.normalize(axis, rank);
        int[] out = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = i == at ? 1 : in.dim(j++);
        }
        return Inference.ok(Shape.of(out));
    }

    /** Returns the new axis in a batch for an input of {@code rank} axes per sample. */
    public int batchedAxis(int rank) {
        return Axes.normalize(axis, rank + 1) + 1;
    }
}
