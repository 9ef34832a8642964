package org.layercanvas.engine;

/**
 * One trained parameter array, copied off the engine, under the name PyTorch gives it
 * ({@code weight}, {@code bias}, {@code running_mean}, {@code weight_ih_l0}, ...).
 *
 * @param name the parameter's name within its layer
 * @param shape its dimensions, PyTorch's layout (a Dense weight is (out, in))
 * @param values its values in row-major order
 */
public record Tensor(String name, long[] shape, float[] values) {

    /** Returns the number of values. */
    public int size() {
        return values.length;
    }
}
