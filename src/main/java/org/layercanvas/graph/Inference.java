package org.layercanvas.graph;

/**
 * What shape inference found for one layer: its output shape and costs, or why it has none.
 *
 * @param output the output shape per sample, or {@code null} when {@code error} is set
 * @param params the number of parameters (weights, biases, running statistics)
 * @param flops the multiply-adds one sample costs
 * @param error what is wrong with the layer's inputs or parameters, or {@code null}
 */
public record Inference(Shape output, long params, long flops, String error) {

    /** A layer that produces {@code output} with these costs. */
    public static Inference ok(Shape output, long params, long flops) {
        return new Inference(output, params, flops, null);
    }

    /** A layer without weights that produces {@code output}. */
    public static Inference ok(Shape output) {
        return new Inference(output, 0, 0, null);
    }

    /** A layer that cannot work on its inputs, with the reason. */
    public static Inference error(String message) {
        return new Inference(null, 0, 0, message);
    }

    /** Returns whether the layer has an output shape. */
    public boolean isOk() {
        return error == null;
    }
}
