package org.layercanvas.graph;

/**
 * log(1 + e^(beta·x))/beta, a smooth ReLU; where beta·x exceeds {@code threshold} it is x itself.
 *
 * @param beta the sharpness
 * @param threshold above this value of beta·x the output is the input, for numerical stability
 */
public record Softplus(double beta, double threshold) implements Activation {
}
