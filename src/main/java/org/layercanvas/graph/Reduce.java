package org.layercanvas.graph;

import java.util.List;

/**
 * Takes the mean, sum or maximum of a sample over chosen axes, as PyTorch's
 * {@code x.mean/sum/amax(dim=…, keepdim=…)}: (T,F) to (F) over axis 0.
 *
 * @param op {@code mean}, {@code sum} or {@code max}
 * @param axes the axes to reduce (0 = first, -1 = last), each once
 * @param keepDims whether reduced axes stay, with size 1
 */
public record Reduce(String op, List<Integer> axes, boolean keepDims) implements AxisLayer {
    /** The operations a reduction can take. */
    public static final List<String> OPS = List.of("mean", "sum", "max");

    public Reduce {
        axes = List.copyOf(axes);
    }

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        boolean[] reduced = new boolean[in.rank()];
        for (int axis : axes) {
            if (!Axes.check(axis, in)) {
                return Inference.error(Axes.outOfRange(axis, in));
            }
            int at = Axes.normalize(axis, in.rank());
            if (reduced[at]) {
                return Inference.error("has axes " + Param.format(axes) + ", which name axis " + at + " twice");
            }
            reduced[at] = true;
        }
        if (!keepDims && axes.size() == in.rank()) {
            return Inference.error("reduces every axis of its input " + in
                    + ", which leaves no axes; turn keepDims on or leave an axis out");
        }
        int[] out = new int[keepDims ? in.rank() : in.rank() - axes.size()];
        for (int i = 0, j = 0; i < in.rank(); i++) {
            if (!reduced[i]) {
                out[j++] = in.dim(i);
            } else if (keepDims) {
                out[j++] = 1;
            }
        }
        return Inference.ok(Shape.of(out), 0, in.size());
    }

    /** Returns the reduced axes of a batch, in increasing order, for an input of {@code rank} axes per sample. */
    public int[] batchedAxes(int rank) {
        return axes.stream().mapToInt(a -> Axes.normalize(a, rank) + 1).sorted().toArray();
    }
}
