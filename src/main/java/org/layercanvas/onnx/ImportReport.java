package org.layercanvas.onnx;

import java.nio.file.Path;

/**
 * What an import wrote.
 *
 * @param design the design file
 * @param run the run folder holding the weights, or {@code null} when the model had none
 * @param layers the number of layers of the design
 * @param maxDifference the largest difference between the design's outputs (weights loaded in the
 *     engine) and ONNX Runtime's on the original file, over the probe inputs; NaN when not checked
 */
public record ImportReport(Path design, Path run, int layers, double maxDifference) {
}
