package org.layercanvas.graph;

/**
 * What analysis found for one layer.
 *
 * @param output the output shape per sample, or {@code null} when it cannot be known
 * @param params the number of parameters, trainable or not
 * @param flops multiply-adds per sample
 * @param memoryBytes the memory of one sample's output activations, as 32-bit floats
 * @param nonTrainable how many of {@code params} are not learned by gradient (a batch norm's running
 *     statistics)
 */
public record NodeReport(Shape output, long params, long flops, long memoryBytes, long nonTrainable) {
    static final NodeReport UNKNOWN = new NodeReport(null, 0, 0, 0, 0);

    /** A report whose parameters are all trainable. */
    public NodeReport(Shape output, long params, long flops, long memoryBytes) {
        this(output, params, flops, memoryBytes, 0);
    }

    /** Returns the number of parameters training learns by gradient. */
    public long trainableParams() {
        return params - nonTrainable;
    }
}
