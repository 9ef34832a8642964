package org.layercanvas.graph;

/**
 * What analysis found for one layer.
 *
 * @param output the output shape per sample, or {@code null} when it cannot be known
 * @param params the number of parameters
 * @param flops multiply-adds per sample
 * @param memoryBytes the memory of one sample's output activations, as 32-bit floats
 */
public record NodeReport(Shape output, long params, long flops, long memoryBytes) {
    static final NodeReport UNKNOWN = new NodeReport(null, 0, 0, 0);
}
