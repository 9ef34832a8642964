package org.layercanvas.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.data.Examples;
import org.layercanvas.engine.Tensor;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.Output;

/**
 * Writes a trained run as PyTorch code and data: {@code model.py} (an {@code nn.Module} whose
 * attributes are the design's nodes), {@code weights.pt} (its state dict), {@code train.py} (trains
 * the design with the run's settings, as one process or several under DistributedDataParallel),
 * {@code data.pt} (the run's training and validation split, normalized) and a {@code README.md}.
 * Verified by running model.py with the weights in a Python that has torch and comparing its outputs
 * with the trained model's; without such a Python the export is still written, and its report says
 * so ({@code verifiedBy} starts with "not verified", {@code maxDifference} is NaN).
 *
 * <p>data.pt is read again from the run's data as {@code data.json} describes it; when that data is
 * gone or has changed since the run, the export is refused, naming the file, rather than written
 * without it or with other data.
 */
public final class PyTorchExporter implements Exporter {
    /** The module's file name. */
    public static final String MODEL = "model.py";
    /** The state dict's file name. */
    public static final String WEIGHTS = "weights.pt";
    /** The training script's file name. */
    public static final String TRAIN = "train.py";
    /** The data file's name. */
    public static final String DATA = "data.pt";
    /** The readme's file name. */
    public static final String README = "README.md";

    private static final int PROBES = 8;
    private static final double TOLERANCE = 1e-4;
    private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(120);

    private final Supplier<Optional<TorchPython>> pythonFinder;
    private final Set<Class<? extends LayerSpec>> supported;
    private Optional<TorchPython> python;

    /** Creates the exporter; it looks for a Python with torch the first time it verifies. */
    public PyTorchExporter() {
        this(TorchPython::find, PyTorchModelSource.kinds());
    }

    /**
     * Creates an exporter that verifies with what {@code pythonFinder} finds and refuses kinds
     * outside {@code supported}.
     */
    PyTorchExporter(Supplier<Optional<TorchPython>> pythonFinder, Set<Class<? extends LayerSpec>> supported) {
        this.pythonFinder = pythonFinder;
        this.supported = Set.copyOf(supported);
    }

    @Override
    public String format() {
        return "pytorch";
    }

    @Override
    public Set<Class<? extends LayerSpec>> supported() {
        return supported;
    }

    /**
     * Returns the shared compatibility problems and, when there are none, the layers whose parameters
     * PyTorch cannot express (a batch norm over more than three spatial axes).
     */
    @Override
    public List<String> problems(TrainedRun run) {
        List<String> problems = Compatibility.problems(run.design().graph(), format(), supported());
        if (problems.isEmpty()) {
            try {
                PyTorchModelSource.of(run.design().name(), new PyTorchGraph(run.design().graph(),
                        run.design().name()), List.of());
            } catch (ExportException e) {
                return e.problems();
            }
        }
        return problems;
    }

    @Override
    public ExportReport export(TrainedRun run, Path out, boolean replace) throws IOException {
        Graph graph = run.design().graph();
        Compatibility.require(graph, format(), supported());
        PyTorchGraph model = new PyTorchGraph(graph, run.design().name());
        String modelSource = PyTorchModelSource.of(run.design().name(), model, classNames(run));
        TrainingSettings settings = run.folder().settings();
        DataSplits data = data(run, settings);
        float[] probes = ProbeInputs.of(Exporter.expanded(graph), PROBES, 1);
        float[] expected;
        Map<String, List<Tensor>> weights;
        try (TrainedModel trained = TrainedModel.load(graph, run.weights())) {
            expected = trained.predict(probes, PROBES);
            weights = trained.weights();
        }
        try (ExportTarget target = ExportTarget.open(out, replace)) {
            Path dir = Files.createDirectories(target.output());
            writeModel(dir, modelSource, model, weights);
            dataFile(data, outputLoss(graph)).write(dir.resolve(DATA), "data");
            Files.writeString(dir.resolve(TRAIN), PyTorchTrainingScript.of(run.design().name(), model.className(),
                    settings, outputLoss(graph)), StandardCharsets.UTF_8);
            Verification verification = verify(dir, target.temp(), model, probes, expected);
            Files.writeString(dir.resolve(README), PyTorchReadme.of(run, model, data, verification.summary()),
                    StandardCharsets.UTF_8);
            target.commit(format(), run.folder().dir().getFileName().toString());
            return new ExportReport(format(), List.of(out.resolve(MODEL), out.resolve(WEIGHTS), out.resolve(TRAIN),
                    out.resolve(DATA), out.resolve(README)), verification.maxDifference(), verification.verifiedBy());
        }
    }

    /** What checking the written files found. */
    private record Verification(double maxDifference, String verifiedBy, String summary) {
    }

    /** Runs the export in {@code dir} on the probes with Python, its scratch files in {@code work}. */
    private Verification verify(Path dir, Path work, PyTorchGraph model, float[] probes, float[] expected)
            throws IOException {
        Optional<TorchPython> found = python();
        if (found.isEmpty()) {
            return new Verification(Double.NaN, "not verified: no Python with torch found (set "
                    + TorchPython.ENV + ")", "It was not checked on export: LayerCanvas found no Python with torch.");
        }
        try {
            Path script = work.resolve("verify.py");
            try (InputStream in = PyTorchExporter.class.getResourceAsStream("verify.py")) {
                Files.write(script, in.readAllBytes());
            }
            int[] shape = model.inputSampleShape();
            long[] dims = new long[shape.length + 1];
            dims[0] = PROBES;
            for (int i = 0; i < shape.length; i++) {
                dims[i + 1] = shape[i];
            }
            new TorchSaveWriter().floats("x", dims, probes).write(work.resolve("probes.pt"), "probes");
            String printed;
            try {
                printed = found.get().run(work, PYTHON_TIMEOUT, script.toString(), dir.toAbsolutePath().toString(),
                        work.resolve("probes.pt").toString(), model.className());
            } catch (IOException e) {
                throw new ExportException("PyTorch could not run the exported model; nothing was written:\n"
                        + e.getMessage(), e);
            }
            List<String> lines = printed.strip().lines().toList();
            String version = lines.isEmpty() ? "" : lines.get(0);
            float[] actual = new float[Math.max(lines.size() - 1, 0)];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = Float.parseFloat(lines.get(i + 1));
            }
            double diff = Exporter.maxDifference(expected, actual);
            if (!(diff <= Exporter.tolerance(TOLERANCE, expected))) {
                String how = actual.length != expected.length
                        ? actual.length + " values where the trained one gives " + expected.length
                        : "largest difference " + diff;
                throw new ExportException("the exported PyTorch model gives other outputs than the trained one ("
                        + how + "); nothing was written", (Throwable) null);
            }
            String by = "PyTorch " + version + " (" + found.get().executable() + ")";
            return new Verification(diff, by, String.format(java.util.Locale.ROOT,
                    "LayerCanvas checked it on export with %s: on %d probe inputs its outputs differ from the "
                            + "trained model's by at most %.2g.", by, PROBES, diff));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private synchronized Optional<TorchPython> python() {
        if (python == null) {
            python = pythonFinder.get();
        }
        return python;
    }

    /**
     * Writes model.py and weights.pt into {@code dir}: the module's source and its state dict, each
     * layer's tensors under {@code <node name>.<PyTorch's parameter name>}, a layer inside a block under
     * its dotted path ({@code stage2.block1.conv2.weight}).
     *
     * @param weights the trained tensors by node id, as {@link TrainedModel#weights()} gives them
     */
    static void writeModel(Path dir, String modelSource, PyTorchGraph model, Map<String, List<Tensor>> weights)
            throws IOException {
        Files.writeString(dir.resolve(MODEL), modelSource, StandardCharsets.UTF_8);
        TorchSaveWriter writer = new TorchSaveWriter();
        weights.forEach((id, tensors) -> {
            String prefix = model.stateKey(id) + ".";
            for (Tensor t : tensors) {
                writer.floats(prefix + t.name(), t.shape(), t.values());
            }
            if (model.isBatchNorm(id)) {
                // PyTorch counts the batches a batch norm has seen; it reads the count only without a momentum
                writer.longs(prefix + "num_batches_tracked", new long[0], new long[] {0});
            }
        });
        writer.write(dir.resolve(WEIGHTS), "weights");
    }

    /** The run's splits as tensors: features as trained on, class targets as int64 for cross-entropy. */
    private static TorchSaveWriter dataFile(DataSplits data, String loss) {
        TorchSaveWriter writer = new TorchSaveWriter();
        add(writer, "train", data.train(), loss);
        add(writer, "val", data.validation(), loss);
        return writer;
    }

    private static void add(TorchSaveWriter writer, String split, Examples examples, String loss) {
        int[] sample = examples.sampleShape();
        long[] dims = new long[sample.length + 1];
        dims[0] = examples.size();
        for (int i = 0; i < sample.length; i++) {
            dims[i + 1] = sample[i];
        }
        writer.floats(split + "_x", dims, examples.features());
        float[] targets = examples.targets();
        // per position, targets keep their shape: (N,H,W) masks, (N,C,H,W) images, as nn's losses take them
        int[] targetShape = examples.targetShape();
        long[] perPosition = new long[targetShape.length + 1];
        perPosition[0] = examples.size();
        for (int i = 0; i < targetShape.length; i++) {
            perPosition[i + 1] = targetShape[i];
        }
        boolean classIndices = loss.equals(Output.SOFTMAX_CROSS_ENTROPY)
                || loss.equals(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION);
        if (classIndices) {
            long[] classes = new long[targets.length];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = (long) targets[i];
            }
            writer.longs(split + "_y", loss.equals(Output.SOFTMAX_CROSS_ENTROPY) ? new long[] {examples.size()}
                    : perPosition, classes);
        } else if (loss.equals(Output.MSE_PER_POSITION)) {
            writer.floats(split + "_y", perPosition, targets);
        } else {
            writer.floats(split + "_y", new long[] {examples.size(), examples.targetWidth()}, targets);
        }
    }

    /**
     * Loads the data the run trained on, split and normalized as it was.
     *
     * @throws ExportException when the data is gone or no longer what the run trained on
     */
    private static DataSplits data(TrainedRun run, TrainingSettings settings) throws ExportException {
        Map<String, Object> described = run.data();
        @SuppressWarnings("unchecked")
        Map<String, Object> section = described.get("dataset") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : run.design().dataset();
        Object base = described.get("baseDir");
        Path baseDir = base == null ? run.folder().dir() : Path.of(base.toString());
        DataSplits splits;
        try {
            splits = DatasetSpec.parse(section, baseDir).load(settings.seed());
        } catch (DataException e) {
            throw new ExportException("the data the run trained on cannot be read, so " + DATA
                    + " cannot be written; nothing was written: " + e.getMessage(), e);
        }
        List<String> changed = new ArrayList<>();
        compare(changed, "training samples", described.get("trainSize"), splits.train().size());
        compare(changed, "validation samples", described.get("validationSize"), splits.validation().size());
        if (!changed.isEmpty()) {
            throw new ExportException("the data has changed since the run trained on it ("
                    + String.join(", ", changed) + "); nothing was written", (Throwable) null);
        }
        return splits;
    }

    private static void compare(List<String> changed, String what, Object then, int now) {
        if (then instanceof Number n && n.intValue() != now) {
            changed.add(n.intValue() + " " + what + " then, " + now + " now");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> classNames(TrainedRun run) {
        Object names = run.data().get("classNames");
        return names instanceof List<?> list ? ((List<Object>) list).stream().map(String::valueOf).toList()
                : List.of();
    }

    private static String outputLoss(Graph graph) {
        return graph.nodes().stream().map(n -> n.spec()).filter(s -> s instanceof Output)
                .map(s -> ((Output) s).loss()).findFirst().orElseThrow();
    }
}
