package org.layercanvas.graph;

import java.util.List;

/**
 * Reorders the axes of a sample: output axis i is input axis {@code order[i]}, as PyTorch's
 * {@code x.permute(0, *[a + 1 for a in order])}; (T,F) to (F,T) with order 1,0.
 *
 * @param order every axis of the input once, in their new order
 */
public record Permute(List<Integer> order) implements AxisLayer {

    public Permute {
        order = List.copyOf(order);
    }

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (order.size() != in.rank()) {
            return Inference.error("has order " + Param.format(order) + " for " + order.size() + " axes, but its input "
                    + in + " has " + in.rank());
        }
        boolean[] seen = new boolean[in.rank()];
        int[] out = new int[in.rank()];
        for (int i = 0; i < order.size(); i++) {
            int axis = order.get(i);
            if (axis < 0 || axis >= in.rank() || seen[axis]) {
                return Inference.error("has order " + Param.format(order) + ", which must name each axis from 0 to "
                        + (in.rank() - 1) + " once");
            }
            seen[axis] = true;
            out[i] = in.dim(axis);
        }
        return Inference.ok(Shape.of(out));
    }

    /** Returns the order of a batch's axes: the batch first, then each sample axis one further on. */
    public int[] batchedOrder() {
        int[] all = new int[order.size() + 1];
        for (int i = 0; i < order.size(); i++) {
            all[i + 1] = order.get(i) + 1;
        }
        return all;
    }
}
