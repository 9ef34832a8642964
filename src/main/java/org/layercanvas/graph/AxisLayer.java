package org.layercanvas.graph;

/**
 * A layer that moves, removes, adds or reduces axes of a sample; axes count from 0 (the first axis
 * of a sample, the batch left out) or from the end (-1 the last).
 */
public sealed interface AxisLayer extends LayerSpec permits Permute, Squeeze, Unsqueeze, Reduce {
}
