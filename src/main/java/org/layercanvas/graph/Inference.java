package org.layercanvas.graph;

/**
 * What shape inference found for one layer: its output shape and costs, or why it has none.
 *
 * @param output the output shape per sample, or {@code null} when {@code error} is set
 * @param params the number of parameters (weights, biases, running statistics)
 * @param flops the multiply-adds one sample costs
 * @param error what is wrong with the layer's inputs or parameters, or {@code null}
 * @param nonTrainable how many of {@code params} training does not learn by gradient, such as a
 *     batch norm's running statistics (Keras' "non-trainable params")
 */
public record Inference(Shape output, long params, long flops, String error, long nonTrainable) {

    /** A layer that produces {@code output} with these costs, every parameter trainable. */
    public static Inference ok(Shape output, long params, long flops) {
        return new Inference(output, params, flops, null, 0);
    }

    /** A layer without weights that produces {@code output}. */
    public static Inference ok(Shape output) {
        return new Inference(output, 0, 0, null, 0);
    }

    /** A layer that cannot work on its inputs, with the reason. */
    public static Inference error(String message) {
        return new Inference(null, 0, 0, message, 0);
    }

    /** Returns this result with {@code count} of its parameters marked as not trainable. */
    public Inference withNonTrainable(long count) {
        if (count < 0 || count > params) {
            throw new IllegalArgumentException(count + " non-trainable of " + params + " parameters");
        }
        return new Inference(output, params, flops, error, count);
    }

    /** Returns whether the layer has an output shape. */
    public boolean isOk() {
        return error == null;
    }
}
