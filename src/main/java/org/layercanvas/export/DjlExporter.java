package org.layercanvas.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Output;
import org.layercanvas.io.DesignCodec;

/**
 * Writes a DJL model folder: the weights in DJL's format ({@code model-0000.params}), the design
 * they belong to ({@code design.json}) and what a caller needs to feed it ({@code metadata.json}:
 * input shape, class names, normalization). Verified by loading the folder back through DJL. A design
 * with blocks is saved with them, as the run saved it; its weights are those of the layers it stands
 * for, in the order they run.
 */
public final class DjlExporter implements Exporter {
    /** The model name inside the folder. */
    public static final String MODEL_NAME = "model";
    /** The metadata file's name. */
    public static final String METADATA = "metadata.json";
    /** The design file's name. */
    public static final String DESIGN = "design.json";

    private static final int PROBES = 8;
    private static final double TOLERANCE = 1e-6;

    @Override
    public String format() {
        return "djl";
    }

    @Override
    public Set<Class<? extends LayerSpec>> supported() {
        return LayerCatalog.all().stream().<Class<? extends LayerSpec>>map(LayerType::specClass)
                .filter(new LayerBlockFactory()::supports).collect(Collectors.toSet());
    }

    @Override
    public ExportReport export(TrainedRun run, Path out, boolean replace) throws IOException {
        // the folder keeps the design as trained, blocks and all: it compiles to the expanded layers
        Graph graph = run.design().graph();
        Compatibility.require(graph, format(), supported());
        float[] probe = ProbeInputs.of(Exporter.expanded(graph), PROBES, 1);
        try (ExportTarget target = ExportTarget.open(out, replace)) {
            Path dir = Files.createDirectories(target.output());
            float[] expected;
            try (TrainedModel model = TrainedModel.load(graph, run.weights())) {
                expected = model.predict(probe, PROBES);
                model.saveDjlModel(dir, MODEL_NAME);
            }
            byte[] design = new DesignCodec().toBytes(run.design());
            Files.write(dir.resolve(DESIGN), design);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.resolve(METADATA).toFile(), metadata(run, design));
            double diff;
            try (TrainedModel loaded = TrainedModel.loadDjlModel(graph, dir, MODEL_NAME)) {
                diff = Exporter.maxDifference(expected, loaded.predict(probe, PROBES));
            }
            if (!(diff <= TOLERANCE)) {
                throw new ExportException("the exported DJL model gives other outputs than the trained one "
                        + "(largest difference " + diff + "); nothing was written", (Throwable) null);
            }
            target.commit(format(), run.folder().dir().getFileName().toString());
            return new ExportReport(format(), List.of(out.resolve(MODEL_NAME + "-0000.params"), out.resolve(DESIGN),
                    out.resolve(METADATA)), diff, "DJL Model.load");
        }
    }

    /**
     * Returns the model folder's metadata; {@code designSha256} is the digest of its {@code design.json},
     * so that a design edited afterwards is not run with these weights.
     */
    private static Map<String, Object> metadata(TrainedRun run, byte[] design) {
        Graph graph = Exporter.expanded(run.design().graph());
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
        m.put("designSha256", RunFolder.sha256(design));
        m.put("data", run.data());
        return m;
    }
}
