package org.layercanvas.onnx;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layercanvas.engine.Tensor;
import org.layercanvas.graph.Design;

/**
 * An ONNX model read as a design: laid out, its layers named after the ONNX nodes, with the model's
 * weights by layer id and what {@code data.json} of its run will say. Nothing is written yet.
 *
 * @param source the ONNX file
 * @param design the design, laid out
 * @param weights each layer's weights by node id, under PyTorch's names ({@code weight}, {@code bias},
 *     {@code running_mean}, ...); empty when no layer has parameters
 * @param data what the run's {@code data.json} holds: sample shape, class names and normalization
 *     when the model's metadata has them
 * @param inputName the ONNX graph input the design's Input layer stands for
 * @param outputName the ONNX graph output the design's Output layer stands for
 * @param batch the batch size the file fixes, or 0 when its batch axis is symbolic
 */
public record ImportedModel(Path source, Design design, Map<String, List<Tensor>> weights, Map<String, Object> data,
        String inputName, String outputName, int batch) {

    public ImportedModel {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
