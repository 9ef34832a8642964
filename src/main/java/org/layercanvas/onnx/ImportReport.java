package org.layercanvas.onnx;

import java.nio.file.Path;

/**
 * What an import wrote.
 *
 * @param design the design file
 * @param run the run folder holding the weights
 * @param layers the number of layers of the design
 * @param maxDifference the largest difference between the design's outputs (weights loaded in the
 *     engine) and ONNX Runtime's on the original file, over the probe inputs
 */
public record ImportReport(Path design, Path run, int layers, double maxDifference) {
}
