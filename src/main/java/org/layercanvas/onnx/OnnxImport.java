package org.layercanvas.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.layercanvas.edit.AutoLayout;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Embedding;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Output;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.onnx.proto.ModelProto;
import org.layercanvas.onnx.proto.StringStringEntryProto;

/**
 * Imports an ONNX model: {@link #read} maps it to a design with its weights and writes nothing;
 * {@link #write} checks the design against ONNX Runtime on the original file and writes the design
 * file and a run folder holding the weights (status {@code imported}), so that
 * export and evaluation work on it at once. Both are synchronous and touch no window: call them off
 * the FX thread.
 */
public final class OnnxImport {
    /** The largest difference allowed between the imported design's outputs and ONNX Runtime's. */
    public static final double TOLERANCE = 1e-4;
    private static final int PROBES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    // the canvas's card size and gap for a top-down layout (ui.canvas.NodeSkin)
    private static final double CARD_WIDTH = 204;
    private static final double CARD_HEIGHT = 70;
    private static final double GAP = 50;

    private OnnxImport() {
    }

    /**
     * Reads an ONNX file as a design, laid out, with its weights; writes nothing.
     *
     * @throws OnnxImportException naming the file when it is malformed, or listing every node that
     *     cannot be mapped
     */
    public static ImportedModel read(Path file) throws OnnxImportException {
        OnnxModelFile.Parsed parsed = OnnxModelFile.read(file);
        ModelProto model = parsed.model();
        GraphTranslation.Result t = GraphTranslation.translate(file.toString(), parsed.opset(), model.getGraph());
        if (!t.problems().isEmpty()) {
            throw new OnnxImportException(file.toString(), t.problems());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            metadata.put(e.getKey(), e.getValue());
        }
        Map<String, Object> data = data(file, t.graph(), metadata);
        Graph graph = withLoss(t.graph(), data);
        Design design = Design.of(designName(file, model, metadata), graph);
        Analysis analysis = Analysis.of(graph);
        if (analysis.hasErrors()) {
            List<String> problems = analysis.diagnostics().stream().filter(d -> d.isError())
                    .map(d -> d.describe(graph)).toList();
            throw new OnnxImportException(file.toString(), problems);
        }
        design = new AutoLayout(CARD_WIDTH, CARD_HEIGHT, GAP).arrange(graph, Flow.TOP_DOWN).command().apply(design);
        return new ImportedModel(file, design, t.weights(), data, t.inputName(), t.outputName(), t.batch());
    }

    /**
     * Writes an imported model: the design to {@code designFile} and a new run folder under {@code runs}
     * holding its weights (a model without parameters gets one too, so that it exports like any other). The design's outputs with the weights loaded are first compared with
     * ONNX Runtime's on the original file; nothing is written when they differ.
     *
     * @param overwrite whether an existing design file may be replaced
     * @throws IOException when the design file exists (and {@code overwrite} is false), the outputs
     *     differ, or a file cannot be written
     */
    public static ImportReport write(ImportedModel imported, Path designFile, Path runs, boolean overwrite)
            throws IOException {
        if (Files.exists(designFile) && !overwrite) {
            throw new OnnxImportException(designFile + " exists already; nothing was written (give --force to"
                    + " replace it)");
        }
        DesignCodec codec = new DesignCodec();
        Design design = imported.design();
        int layers = design.graph().size();
        try (TrainedModel model = TrainedModel.initialized(design.graph(), 0)) {
            try {
                model.assign(imported.weights());
            } catch (IllegalArgumentException e) {
                throw new OnnxImportException(imported.source() + ": its weights do not fit the design: "
                        + e.getMessage(), e);
            }
            double diff = verify(imported, model);
            RunFolder run = RunFolder.create(runs, design.name(), codec.toBytes(design), TrainingSettings.DEFAULTS,
                    imported.data(), LocalDateTime.now());
            model.save(run.model());
            try (RunFolder.EventLog log = run.openLog()) {
                log.append(new TrainingEvent.Imported(design.name(), imported.source().toString()));
            }
            codec.write(design, designFile);
            return new ImportReport(designFile, run.dir(), layers, diff);
        }
    }

    /**
     * Returns the largest difference between the model's outputs and ONNX Runtime's on the original
     * file, over seeded random probe inputs.
     *
     * @throws OnnxImportException when ONNX Runtime cannot run the file or the outputs differ by more
     *     than {@link #TOLERANCE}
     */
    private static double verify(ImportedModel imported, TrainedModel model) throws OnnxImportException {
        int n = imported.batch() > 0 ? imported.batch() : PROBES;
        int[] sample = model.inputShape();
        int size = 1;
        for (int d : sample) {
            size *= d;
        }
        Graph graph = imported.design().graph();
        // token ids for an Embedding must lie in its vocabulary; features are any numbers
        int vocabulary = graph.nodes().stream().filter(node -> node.spec() instanceof Input)
                .flatMap(node -> graph.outputsOf(node.id()).stream()).map(e -> graph.node(e.to()).spec())
                .filter(s -> s instanceof Embedding).mapToInt(s -> ((Embedding) s).vocabulary()).min().orElse(0);
        float[] probe = new float[n * size];
        Random random = new Random(7);
        for (int i = 0; i < probe.length; i++) {
            probe[i] = vocabulary > 0 ? random.nextInt(vocabulary) : (float) random.nextGaussian();
        }
        float[] expected;
        long[] dims = new long[sample.length + 1];
        dims[0] = n;
        for (int i = 0; i < sample.length; i++) {
            dims[i + 1] = sample[i];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(imported.source().toString(), options);
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(probe), dims);
                OrtSession.Result result = session.run(Map.of(imported.inputName(), x))) {
            FloatBuffer y = ((OnnxTensor) result.get(imported.outputName()).orElseThrow()).getFloatBuffer();
            expected = new float[y.remaining()];
            y.get(expected);
        } catch (OrtException e) {
            throw new OnnxImportException(imported.source() + ": ONNX Runtime could not run the model to check the"
                    + " import: " + e.getMessage() + "; nothing was written", e);
        }
        float[] actual = model.predict(probe, n);
        double diff = actual.length == expected.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(actual.length, expected.length); i++) {
            diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
        }
        if (!(diff <= TOLERANCE)) {
            throw new OnnxImportException(imported.source() + ": the imported design gives other outputs than the"
                    + " ONNX model in ONNX Runtime (largest difference " + diff + "); nothing was written");
        }
        return diff;
    }

    private static String designName(Path file, ModelProto model, Map<String, String> metadata) {
        String name = metadata.get("layercanvas.design");
        if (name != null && !name.isBlank()) {
            return name;
        }
        String stem = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        return stem.isBlank() ? model.getGraph().getName() : stem;
    }

    /**
     * Returns what the run's {@code data.json} says: LayerCanvas's own record of the training data when
     * the file was exported by LayerCanvas, else the sample shape with the class names and
     * normalization the metadata gives ({@code classNames}/{@code class_names} as a JSON array or a
     * comma-separated list, {@code normalization} as {@code {"scale":..,"mean":[..],"std":[..]}}).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Path file, Graph graph, Map<String, String> metadata) {
        Map<String, Object> data = new LinkedHashMap<>();
        String own = metadata.get("layercanvas.data");
        if (own != null) {
            try {
                data.putAll(JSON.readValue(own, Map.class));
            } catch (IOException e) {
                // an unreadable record of the data is no reason to refuse the model
            }
        }
        Input input = (Input) graph.nodes().stream().map(LayerNode::spec).filter(s -> s instanceof Input).findFirst()
                .orElseThrow();
        data.putIfAbsent("description", "imported from " + file.getFileName());
        data.put("sampleShape", input.shape());
        if (!data.containsKey("classNames")) {
            data.put("classNames", classNames(metadata));
        }
        if (!data.containsKey("normalization")) {
            Map<String, Object> norm = new LinkedHashMap<>(Map.of("scale", 1.0, "mean", List.of(), "std", List.of()));
            String given = metadata.get("normalization");
            if (given != null) {
                try {
                    norm.putAll(JSON.readValue(given, Map.class));
                } catch (IOException e) {
                    // left as none
                }
            }
            data.put("normalization", norm);
        }
        return data;
    }

    private static List<String> classNames(Map<String, String> metadata) {
        String names = metadata.getOrDefault("classNames", metadata.get("class_names"));
        List<String> out = new ArrayList<>();
        if (names == null || names.isBlank()) {
            return out;
        }
        try {
            for (Object o : JSON.readValue(names, List.class)) {
                out.add(String.valueOf(o));
            }
        } catch (IOException notJson) {
            for (String s : names.split(",")) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** Sets the Output layer's loss from the data's targets: values mean regression. */
    private static Graph withLoss(Graph graph, Map<String, Object> data) {
        if (!"values".equals(data.get("targets"))) {
            return graph;
        }
        Graph g = graph;
        for (LayerNode n : graph.nodes()) {
            if (n.spec() instanceof Output o) {
                g = g.withNode(n.withSpec(new Output(o.isPerPosition() ? Output.MSE_PER_POSITION : Output.MSE,
                        o.classes())));
            }
        }
        return g;
    }
}
