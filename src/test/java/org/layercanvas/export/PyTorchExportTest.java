package org.layercanvas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingJob;
import org.layercanvas.engine.TrainingRun;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.AvgPool1d;
import org.layercanvas.graph.AvgPool2d;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Concat;
import org.layercanvas.graph.Conv1d;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.ELU;
import org.layercanvas.graph.Flatten;
import org.layercanvas.graph.GELU;
import org.layercanvas.graph.GRU;
import org.layercanvas.graph.GlobalAvgPool;
import org.layercanvas.graph.GlobalMaxPool;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.LeakyReLU;
import org.layercanvas.graph.MaxPool1d;
import org.layercanvas.graph.Mish;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Reshape;
import org.layercanvas.graph.SiLU;
import org.layercanvas.graph.Sigmoid;
import org.layercanvas.graph.Softmax;
import org.layercanvas.graph.Tanh;
import org.layercanvas.graph.TestGraphs;
import org.layercanvas.graph.LayerCases;
import org.layercanvas.graph.SingleLayerDesigns;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.Samples;

@Tag("engine")
class PyTorchExportTest {
    private static final Pattern EPOCH_LINE = Pattern.compile("epoch (\\d+)/\\d+ .*val_loss (\\S+)");

    static Stream<Path> samples() {
        return Samples.designs().stream();
    }

    /**
     * Trains a sample for one epoch on a small share of its data into a run folder, so batch norms
     * have running statistics of their own, and opens the run for export.
     */
    private static TrainedRun trainedRun(Path sample, Path runs, Map<String, Object> dataOverrides) throws Exception {
        Design design = new DesignCodec().read(sample);
        Map<String, Object> section = new LinkedHashMap<>(design.dataset());
        section.putAll(dataOverrides);
        TrainingSettings settings = TrainingSettings.fromMap(design.training()).with(Map.of("epochs", 1));
        Path baseDir = sample.toAbsolutePath().getParent();
        DataSplits splits = DatasetSpec.parse(section, baseDir).load(settings.seed());
        Design trained = new Design(design.name(), design.graph(), section, settings.toMap());
        RunFolder folder = RunFolder.create(runs, design.name(), new DesignCodec().toBytes(trained), settings,
                RunFolder.describeData(splits, section, baseDir), LocalDateTime.now());
        TrainingRun run = new TrainingService(new LayerBlockFactory())
                .start(TrainingJob.fresh(design.name(), design.graph(), splits, settings, folder), e -> { });
        TrainingEvent last = run.await(120, TimeUnit.SECONDS);
        assertThat(last).isInstanceOf(TrainingEvent.Finished.class);
        return TrainedRun.open(folder.dir());
    }

    /** A small share of each sample's data: enough to train an epoch in a second or two. */
    private static Map<String, Object> small(Path sample) throws IOException {
        String kind = String.valueOf(new DesignCodec().read(sample).dataset().get("kind"));
        return switch (kind) {
            case "idx" -> Map.of("limit", 300);
            case "sequences", "synthetic" -> Map.of("size", 400);
            case "shapes" -> Map.of("count", 48);
            default -> Map.of();
        };
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleGivesTheEnginesOutputsInPyTorch(Path sample, @TempDir Path dir) throws Exception {
        PythonAvailability.require();
        TrainedRun run = trainedRun(sample, dir.resolve("runs"), small(sample));
        Path out = dir.resolve("export");
        ExportReport report = new PyTorchExporter().export(run, out);

        System.out.printf("pytorch export %s: max difference %.3g, %s%n", sample.getFileName(),
                report.maxDifference(), report.verifiedBy());
        // within 1e-4 of the outputs' scale (the exporter refuses more); ResNet-18's logits reach ~5
        assertThat(report.maxDifference()).isLessThanOrEqualTo(sample.endsWith("resnet18.json") ? 1e-3 : 1e-4);
        assertThat(report.verifiedBy()).startsWith("PyTorch");
        assertThat(report.files()).allMatch(Files::isRegularFile);
        String model = Files.readString(out.resolve(PyTorchExporter.MODEL));
        // each layer of the design is a module attribute; a block instance is a module of its own layers
        Graph top = run.design().graph();
        ExportNames names = top.hasBlocks() ? null : ExportNames.of(top);
        for (LayerNode node : top.nodes()) {
            assertThat(model).contains("        self." + (names == null ? node.name() : names.of(node.id())) + " = ");
        }
    }

    @Test
    void everyLayerCaseGivesTheEnginesOutputsInPyTorch(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        List<LayerCases.Case> cases = LayerCases.all().toList();
        Map<Integer, float[]> expected = new LinkedHashMap<>();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            Design design = SingleLayerDesigns.of(cases.get(i));
            PyTorchGraph model = new PyTorchGraph(design.graph(), design.name());
            Path caseDir = Files.createDirectories(dir.resolve("case" + i));
            float[] probes = ProbeInputs.of(design.graph(), 4, 1);
            try (TrainedModel trained = TrainedModel.initialized(design.graph(), 11)) {
                expected.put(i, trained.predict(probes, 4));
                PyTorchExporter.writeModel(caseDir, PyTorchModelSource.of(design.name(), model, List.of()), model,
                        trained.weights());
            }
            int[] shape = model.inputSampleShape();
            long[] dims = new long[shape.length + 1];
            dims[0] = 4;
            for (int d = 0; d < shape.length; d++) {
                dims[d + 1] = shape[d];
            }
            new TorchSaveWriter().floats("x", dims, probes).write(caseDir.resolve("probes.pt"), "probes");
            list.append(caseDir).append('\t').append(model.className()).append('\n');
        }
        Files.writeString(dir.resolve("cases.txt"), list);

        // one interpreter for all cases: starting Python and importing torch takes longer than a case
        String printed = python.run(dir, java.time.Duration.ofSeconds(120), "-c", String.join("\n",
                "import importlib.util, sys, torch",
                "for i, line in enumerate(open('cases.txt').read().splitlines()):",
                "    folder, cls = line.split('\\t')",
                "    try:",
                "        spec = importlib.util.spec_from_file_location(f'model{i}', folder + '/model.py')",
                "        module = importlib.util.module_from_spec(spec)",
                "        spec.loader.exec_module(module)",
                "        net = getattr(module, cls)()",
                "        net.load_state_dict(torch.load(folder + '/weights.pt', weights_only=True), strict=True)",
                "        net.eval()",
                "        with torch.no_grad():",
                "            out = net(torch.load(folder + '/probes.pt', weights_only=True)['x'])",
                "        print(i, ' '.join(repr(v) for v in out.flatten().tolist()))",
                "    except Exception as e:",
                "        print(i, 'ERROR', repr(e).replace('\\n', ' '))"));

        List<String> mismatches = new ArrayList<>();
        for (String line : printed.strip().lines().toList()) {
            String[] parts = line.split(" ");
            int i = Integer.parseInt(parts[0]);
            float[] actual = new float[parts.length - 1];
            for (int k = 1; k < parts.length && !parts[1].equals("ERROR"); k++) {
                actual[k - 1] = Float.parseFloat(parts[k]);
            }
            double diff = parts[1].equals("ERROR") ? Double.NaN : Exporter.maxDifference(expected.remove(i), actual);
            if (!(diff <= 1e-4)) {
                mismatches.add(cases.get(i) + ": " + (parts[1].equals("ERROR") ? line : "difference " + diff));
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(expected).as("cases Python printed nothing for").isEmpty();
        System.out.printf("pytorch export: all %d layer cases agree with the engine within 1e-4%n", cases.size());
    }

    /** Designs that use every layer kind the samples leave out, on MNIST-shaped inputs. */
    static Stream<Graph> otherKinds() {
        Graph oneD = new TestGraphs().add("image", new Input(List.of(1, 28, 28)))
                .add("rows", new Reshape(List.of(4, 196))).link("image", "rows")
                .add("conv a", new Conv1d(8, 3, 1, "1", 1, 1, true)).link("rows", "conv a")
                .add("leaky", new LeakyReLU(0.1)).link("conv a", "leaky")
                .add("max1d", new MaxPool1d(2, 2, 0)).link("leaky", "max1d")
                .add("conv-b", new Conv1d(8, 3, 2, "valid", 2, 2, false)).link("max1d", "conv-b")
                .add("elu", new ELU(0.5)).link("conv-b", "elu")
                .add("avg1d", new AvgPool1d(3, 1, 1)).link("elu", "avg1d")
                .add("gelu", new GELU()).link("avg1d", "gelu")
                .add("gmp", new GlobalMaxPool()).link("gelu", "gmp")
                .add("silu", new SiLU()).link("gmp", "silu")
                .add("dense", new Dense(6, true)).link("silu", "dense")
                .add("mish", new Mish()).link("dense", "mish")
                .add("sigmoid", new Sigmoid()).link("mish", "sigmoid")
                .add("tanh", new Tanh()).link("sigmoid", "tanh")
                .add("softmax", new Softmax(0)).link("tanh", "softmax")
                .add("logits", new Dense(10, false)).link("softmax", "logits")
                .add("digit", new Output(Output.SOFTMAX_CROSS_ENTROPY, 10)).link("logits", "digit").build();
        Graph twoD = new TestGraphs().add("image", new Input(List.of(1, 28, 28)))
                .add("strided", new Conv2d(4, List.of(3, 3), List.of(2, 2), "1", List.of(1, 1), 1, true))
                .link("image", "strided")
                .add("grouped", new Conv2d(4, List.of(3, 3), List.of(1, 1), "same", List.of(2, 2), 2, true))
                .link("strided", "grouped")
                .add("avg2d", new AvgPool2d(List.of(3, 3), List.of(2, 2), List.of(1, 1))).link("grouped", "avg2d")
                .add("steps", new Reshape(List.of(-1, 7))).link("avg2d", "steps")
                .add("gru", new GRU(6, 2, true, true)).link("steps", "gru")
                .add("probabilities", new Softmax(-1)).link("gru", "probabilities")
                .add("lstm", new LSTM(5, 1, true, false)).link("probabilities", "lstm")
                .add("gap", new GlobalAvgPool()).link("avg2d", "gap")
                .add("joined", new Concat(0)).link("lstm", "joined", 0).link("gap", "joined", 1)
                .add("logits", new Dense(10, true)).link("joined", "logits")
                .add("digit", new Output(Output.SOFTMAX_CROSS_ENTROPY, 10)).link("logits", "digit").build();
        return Stream.of(oneD, twoD);
    }

    @ParameterizedTest
    @MethodSource("otherKinds")
    void theKindsTheSamplesLeaveOutGiveTheEnginesOutputsToo(Graph graph, @TempDir Path dir) throws Exception {
        PythonAvailability.require();
        Design mnist = new DesignCodec().read(Path.of("samples/lenet5.json"));
        Map<String, Object> section = new LinkedHashMap<>(mnist.dataset());
        section.put("limit", 100);
        Path designFile = dir.resolve("kinds.json");
        Files.write(designFile, new DesignCodec().toBytes(new Design("kinds \"1-D\" \\ 2-D", graph,
                absolute(section, Path.of("samples").toAbsolutePath()), mnist.training())));

        ExportReport report = new PyTorchExporter().export(untrainedRun(designFile, dir.resolve("runs")),
                dir.resolve("export"));

        System.out.printf("pytorch export of %s: max difference %.3g%n", graph.nodes().stream()
                .map(n -> n.spec().type().name()).distinct().toList(), report.maxDifference());
        assertThat(report.maxDifference()).isLessThanOrEqualTo(1e-4);
        String model = Files.readString(dir.resolve("export").resolve(PyTorchExporter.MODEL));
        ExportNames names = ExportNames.of(graph);
        for (LayerNode node : graph.nodes()) {
            assertThat(model).contains("        self." + names.of(node.id()) + " = ");
        }
    }

    private static Map<String, Object> absolute(Map<String, Object> section, Path base) {
        Map<String, Object> out = new LinkedHashMap<>(section);
        out.replaceAll((k, v) -> v instanceof String s && s.startsWith("data/") ? base.resolve(s).toString() : v);
        return out;
    }

    @Test
    void oneProcessTrainsWhenNoLauncherSetTheDistributedVariables(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        Path out = dir.resolve("export");
        new PyTorchExporter().export(untrainedRun(Path.of("samples/iris-mlp.json"), dir.resolve("runs")), out);

        String log = python.run(out, java.time.Duration.ofSeconds(120), "train.py", "--epochs", "2", "--out",
                dir.resolve("trained.pt").toString());

        assertThat(log).contains("1 process(es)", "epoch 2/2  loss ");
        assertThat(dir.resolve("trained.pt")).isRegularFile();
    }

    @Test
    void aYesNoOutputTrainsWithBinaryCrossEntropyOnFloatTargets(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        Graph graph = TestGraphs.chain(List.of(2), 1, new Dense(8, true), new org.layercanvas.graph.ReLU(),
                new Dense(1, true));
        graph = graph.withNode(graph.node("output").withSpec(new Output(Output.BINARY_CROSS_ENTROPY, 1)));
        Path designFile = dir.resolve("moons.json");
        Files.write(designFile, new DesignCodec().toBytes(new Design("moons", graph,
                Map.of("kind", "synthetic", "name", "moons", "size", 200), Map.of("learningRate", 0.05))));
        Path out = dir.resolve("export");
        ExportReport report = new PyTorchExporter().export(untrainedRun(designFile, dir.resolve("runs")), out);

        String log = python.run(out, java.time.Duration.ofSeconds(120), "train.py", "--epochs", "3", "--out",
                dir.resolve("trained.pt").toString());

        assertThat(report.maxDifference()).isLessThanOrEqualTo(1e-4);
        assertThat(Files.readString(out.resolve(PyTorchExporter.TRAIN))).contains("LOSS = \"binary_cross_entropy\"");
        Matcher accuracy = Pattern.compile("epoch 3/3 .* val_accuracy (\\S+)").matcher(log);
        assertThat(accuracy.find()).as(log).isTrue();
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(0.6);
    }

    @Test
    void aRegressionOutputTrainsWithMeanSquaredErrorAndReportsMae(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        Graph graph = TestGraphs.chain(List.of(3), 1, new Dense(8, true), new org.layercanvas.graph.ReLU(),
                new Dense(1, true));
        graph = graph.withNode(graph.node("output").withSpec(new Output(Output.MSE, 1)));
        Path designFile = dir.resolve("petals.json");
        Files.write(designFile, new DesignCodec().toBytes(new Design("petals", graph, Map.of("kind", "csv",
                "file", Path.of("samples/data/iris.csv").toAbsolutePath().toString(), "label", "petal_width",
                "features", List.of("sepal_length", "sepal_width", "petal_length"), "task", "regression"),
                Map.of("learningRate", 0.01))));
        Path out = dir.resolve("export");
        ExportReport report = new PyTorchExporter().export(untrainedRun(designFile, dir.resolve("runs")), out);

        String log = python.run(out, java.time.Duration.ofSeconds(120), "train.py", "--epochs", "20", "--out",
                dir.resolve("trained.pt").toString());

        assertThat(report.maxDifference()).isLessThanOrEqualTo(1e-4);
        Map<Integer, Double> valLoss = new LinkedHashMap<>();
        Matcher m = EPOCH_LINE.matcher(log);
        while (m.find()) {
            valLoss.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
        assertThat(log).contains("val_mae");
        assertThat(valLoss.get(20)).as(log).isLessThan(valLoss.get(0));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoProcessesTrainWithDistributedDataParallelAndTheLossFalls(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        Path sample = Path.of("samples/spirals-mlp.json");
        Path out = dir.resolve("export");
        new PyTorchExporter().export(trainedRun(sample, dir.resolve("runs"), Map.of()), out);

        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<Process> processes = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            ProcessBuilder builder = new ProcessBuilder(python.executable().toString(), "-B", "train.py",
                    "--epochs", "1", "--out", dir.resolve("trained.pt").toString()).directory(out.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("rank" + rank + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("MASTER_ADDR", "127.0.0.1");
            env.put("MASTER_PORT", String.valueOf(port));
            env.put("WORLD_SIZE", "2");
            env.put("RANK", String.valueOf(rank));
            env.put("LOCAL_RANK", String.valueOf(rank));
            env.put("OMP_NUM_THREADS", "1");
            processes.add(builder.start());
        }
        for (Process p : processes) {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                processes.forEach(Process::destroyForcibly);
                p.waitFor();
            }
        }
        String log = Files.readString(dir.resolve("rank0.log"));
        System.out.println("DDP rank 0:\n" + log);
        assertThat(processes).allMatch(p -> p.exitValue() == 0);
        assertThat(log).contains("2 process(es)");
        Map<Integer, Double> valLoss = new LinkedHashMap<>();
        Matcher m = EPOCH_LINE.matcher(log);
        while (m.find()) {
            valLoss.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
        assertThat(valLoss).containsKeys(0, 1);
        assertThat(valLoss.get(1)).isLessThan(valLoss.get(0));
        assertThat(dir.resolve("trained.pt")).isRegularFile();
        // rank 1 prints nothing: only rank 0 reports and saves
        assertThat(Files.readString(dir.resolve("rank1.log"))).doesNotContain("epoch");
    }

    @Test
    void translatesEveryLayerKindOfTheCatalog() {
        Set<Class<? extends LayerSpec>> all = new HashSet<>();
        LayerCatalog.all().stream().map(LayerType::specClass).forEach(all::add);
        assertThat(new PyTorchExporter().supported()).isEqualTo(all).hasSize(LayerCatalog.all().size());
    }

    @Test
    void aKindTheFormatCannotExpressIsRefusedByNameAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path sample = Path.of("samples/sequence-lstm.json");
        TrainedRun run = untrainedRun(sample, dir.resolve("runs"));
        Set<Class<? extends LayerSpec>> withoutLstm = new HashSet<>(new PyTorchExporter().supported());
        withoutLstm.remove(LSTM.class);
        Path out = dir.resolve("export");

        assertThatThrownBy(() -> new PyTorchExporter(Optional::empty, withoutLstm).export(run, out))
                .isInstanceOf(ExportException.class).hasMessageContaining("'lstm' (LSTM)");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("runs");
        }
    }

    @Test
    void aBatchNormOverMoreAxesThanPyTorchHasIsRefusedByName(@TempDir Path dir) {
        Graph graph = TestGraphs.chain(List.of(2, 3, 3, 3, 3), 2, new BatchNorm(0.9, 1e-5), new Flatten(),
                new Dense(2, true));
        TrainedRun run = new TrainedRun(null, Design.of("five-d", graph), null, Map.of());
        PyTorchExporter exporter = new PyTorchExporter(Optional::empty, new PyTorchExporter().supported());

        assertThat(exporter.problems(run)).singleElement().asString().startsWith("'l1' (BatchNorm) normalizes")
                .contains("5 axes");
        assertThatThrownBy(() -> exporter.export(run, dir.resolve("export"))).isInstanceOf(ExportException.class)
                .hasMessageContaining("'l1' (BatchNorm)");
        assertThat(dir.resolve("export")).doesNotExist();
    }

    @Test
    void aRunWhoseDataIsGoneIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path designDir = Files.createDirectories(dir.resolve("design"));
        Files.copy(Path.of("samples/data/iris.csv"), designDir.resolve("iris.csv"));
        Design design = new DesignCodec().read(Path.of("samples/iris-mlp.json"));
        Map<String, Object> section = new LinkedHashMap<>(design.dataset());
        section.put("file", "iris.csv");
        Path file = designDir.resolve("iris-mlp.json");
        Files.write(file, new DesignCodec().toBytes(new Design(design.name(), design.graph(), section,
                design.training())));
        TrainedRun run = untrainedRun(file, dir.resolve("runs"));
        Files.delete(designDir.resolve("iris.csv"));
        Path out = dir.resolve("export");

        assertThatThrownBy(() -> new PyTorchExporter(Optional::empty, new PyTorchExporter().supported())
                .export(run, out)).isInstanceOf(ExportException.class).hasMessageContaining("iris.csv");
        assertThat(out).doesNotExist();
    }

    @Test
    void withoutPythonTheExportIsWrittenAndSaysItWasNotVerified(@TempDir Path dir) throws Exception {
        TrainedRun run = untrainedRun(Path.of("samples/iris-mlp.json"), dir.resolve("runs"));
        Path out = dir.resolve("export");

        ExportReport report = new PyTorchExporter(Optional::empty, new PyTorchExporter().supported()).export(run, out);

        assertThat(report.maxDifference()).isNaN();
        assertThat(report.verifiedBy()).startsWith("not verified");
        assertThat(report.files()).allMatch(Files::isRegularFile);
        assertThat(Files.readString(out.resolve(PyTorchExporter.README))).contains("was not checked");
    }

    /** A run folder with freshly initialized weights, for tests that never compare outputs. */
    private static TrainedRun untrainedRun(Path designFile, Path runs) throws Exception {
        Design design = new DesignCodec().read(designFile);
        TrainingSettings settings = TrainingSettings.fromMap(design.training());
        Path baseDir = designFile.toAbsolutePath().getParent();
        DataSplits splits = DatasetSpec.parse(design.dataset(), baseDir).load(settings.seed());
        RunFolder folder = RunFolder.create(runs, design.name(), new DesignCodec().toBytes(design), settings,
                RunFolder.describeData(splits, design.dataset(), baseDir), LocalDateTime.now());
        try (TrainedModel model = TrainedModel.initialized(design.graph(), 1)) {
            model.save(folder.model());
        }
        return TrainedRun.open(folder.dir());
    }
}
