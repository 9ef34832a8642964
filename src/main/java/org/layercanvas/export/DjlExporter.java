package org.layercanvas.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Output;
import org.layercanvas.io.DesignCodec;

/**
 * Writes a DJL model folder: the weights in DJL's format ({@code model-0000.params}), the design
 * they belong to ({@code design.json}) and what a caller needs to feed it ({@code metadata.json}:
 * input shape, class names, normalization). Verified by loading the folder back through DJL.
 */
public final class DjlExporter {
    /** The model name inside the folder. */
    public static final String MODEL_NAME = "model";
    /** The metadata file's name. */
    public static final String METADATA = "metadata.json";
    /** The design file's name. */
    public static final String DESIGN = "design.json";

    private static final int PROBES = 8;
    private static final double TOLERANCE = 1e-6;

    /**
     * Exports a trained run to {@code out} (created if needed) and verifies it.
     *
     * @throws IOException when writing fails or the written model does not give the trained outputs
     */
    public ExportReport export(TrainedRun run, Path out) throws IOException {
        Graph graph = run.design().graph();
        Files.createDirectories(out);
        float[] probe = ProbeInputs.of(graph, PROBES, 1);
        float[] expected;
        try (TrainedModel model = TrainedModel.load(graph, run.weights())) {
            expected = model.predict(probe, PROBES);
            model.saveDjlModel(out, MODEL_NAME);
        }
        DesignCodec.writeAtomically(new DesignCodec().toBytes(run.design()), out.resolve(DESIGN));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve(METADATA).toFile(), metadata(run));
        double diff;
        try (TrainedModel loaded = TrainedModel.loadDjlModel(graph, out, MODEL_NAME)) {
            diff = maxDifference(expected, loaded.predict(probe, PROBES));
        }
        if (!(diff <= TOLERANCE)) {
            throw new IOException("the exported model gives other outputs than the trained one (difference " + diff
                    + "); the files in " + out + " should not be used");
        }
        return new ExportReport("djl", List.of(out.resolve(MODEL_NAME + "-0000.params"), out.resolve(DESIGN),
                out.resolve(METADATA)), diff, "DJL Model.load");
    }

    private static Map<String, Object> metadata(TrainedRun run) {
        Graph graph = run.design().graph();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "layercanvas-djl-model");
        m.put("version", 1);
        m.put("design", run.design().name());
        m.put("modelName", MODEL_NAME);
        m.put("engine", "PyTorch");
        graph.nodes().stream().map(LayerNode::spec).filter(s -> s instanceof Input).findFirst()
                .ifPresent(s -> m.put("inputShape", ((Input) s).shape()));
        graph.nodes().stream().map(LayerNode::spec).filter(s -> s instanceof Output).findFirst().ifPresent(s -> {
            m.put("loss", ((Output) s).loss());
            m.put("outputs", ((Output) s).classes());
        });
        m.put("trainedIn", run.folder().dir().getFileName().toString());
        m.put("data", run.data());
        return m;
    }

    static double maxDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
