package org.layercanvas.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.edit.BlockDesigns;
import org.layercanvas.edit.GroupCommand;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingJob;
import org.layercanvas.engine.TrainingRun;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;
import org.layercanvas.io.DesignCodec;

/**
 * Every export of a design with blocks: the residual CNN with a repeated unit nested in a block and
 * a second block, trained for one short epoch (so batch norms have statistics of their own), written
 * to ONNX, PyTorch and DJL, each loaded back by its own runtime and compared on the same inputs, with
 * the layers named by their paths.
 */
@Tag("engine")
class BlockExportTest {
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path shared;
    private static TrainedRun run;

    @BeforeAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    static void trainTheGroupedResidualCnn() throws Exception {
        Design design = BlockDesigns.residual(2, 300);
        TrainingSettings settings = TrainingSettings.fromMap(design.training()).with(Map.of("epochs", 1));
        DataSplits splits = DatasetSpec.parse(design.dataset(), Path.of(".")).load(settings.seed());
        Design trained = new Design(design.name(), design.graph(), design.dataset(), settings.toMap());
        RunFolder folder = RunFolder.create(shared.resolve("runs"), "blocks", new DesignCodec().toBytes(trained),
                settings, RunFolder.describeData(splits, design.dataset(), Path.of(".")), LocalDateTime.now());
        TrainingRun training = new TrainingService(new LayerBlockFactory())
                .start(TrainingJob.fresh(design.name(), design.graph(), splits, settings, folder), e -> { });
        assertThat(training.await(90, TimeUnit.SECONDS)).isInstanceOf(TrainingEvent.Finished.class);
        run = TrainedRun.open(folder.dir());
        assertThat(run.design().graph().hasBlocks()).as("the run keeps the design's blocks").isTrue();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void onnxRunsTheBlocksAsTrainedWithEachOperatorNamedByItsLayersPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.onnx");
        ExportReport report = new OnnxExporter().export(run, file);

        System.out.printf("blocks onnx: max difference %.3g (%s)%n", report.maxDifference(), report.verifiedBy());
        assertThat(report.maxDifference()).isLessThanOrEqualTo(TOLERANCE);
        List<String> operators = OnnxExportTest.checkWithPythonOnnx(file);
        if (!operators.isEmpty()) {
            assertThat(operators).contains("stem_conv", "stage1/unit/1/b1_conv1", "stage1/unit/2/b1_conv1",
                    "stage1/unit/2/b1_add", "stage1/pool", "stage2/b2_conv1", "stage2/b2_project_bn", "logits");
            Graph layers = Exporter.expanded(run.design().graph());
            ExportNames names = ExportNames.of(run.design().graph());
            List<String> layerNames = layers.nodes().stream().map(n -> names.of(n.id())).toList();
            // every operator is a layer's, under its path or a step of it (gap/pooled)
            assertThat(operators).allSatisfy(op -> assertThat(layerNames.stream()
                    .anyMatch(name -> op.equals(name) || op.startsWith(name + "/"))).as(op).isTrue());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void pytorchNestsTheBlocksModulesSoTheStateDictKeysAreDottedPaths(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        Path out = dir.resolve("export");
        ExportReport report = new PyTorchExporter().export(run, out);

        System.out.printf("blocks pytorch: max difference %.3g (%s)%n", report.maxDifference(), report.verifiedBy());
        assertThat(report.verifiedBy()).startsWith("PyTorch");
        assertThat(report.maxDifference()).isLessThanOrEqualTo(TOLERANCE);
        List<String> keys = stateDictKeys(python, out, new PyTorchGraph(run.design().graph(), run.design().name())
                .className(), dir);
        assertThat(keys).contains("stem_conv.weight", "stage1.unit.1.b1_conv1.weight",
                "stage1.unit.2.b1_conv1.weight", "stage1.unit.2.b1_bn2.running_var", "stage2.b2_conv1.weight",
                "stage2.b2_project_bn.num_batches_tracked", "logits.weight", "logits.bias");
        assertThat(keys).noneMatch(k -> k.contains("/"));
        assertThat(Files.readString(out.resolve(PyTorchExporter.MODEL)))
                .contains("self.stage1.unit = nn.ModuleDict()", "self.stage1.unit[\"2\"].b1_conv1 = nn.Conv2d(");
        assertThat(Files.readString(out.resolve(PyTorchExporter.README))).contains("its copies numbered from 1");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void djlKeepsTheBlocksInTheFolderAndLoadsBackToTheSameOutputs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("djl");
        ExportReport report = new DjlExporter().export(run, out);

        System.out.printf("blocks djl: max difference %.3g (%s)%n", report.maxDifference(), report.verifiedBy());
        assertThat(report.maxDifference()).isLessThanOrEqualTo(TOLERANCE);
        Design saved = new DesignCodec().read(out.resolve(DjlExporter.DESIGN));
        assertThat(saved.graph()).isEqualTo(run.design().graph());
        assertThat(Files.readString(out.resolve(DjlExporter.METADATA))).contains("\"inputShape\" : [ 1, 28, 28 ]");
        // the folder alone is enough: its weights load into its design and give the trained outputs
        float[] probes = ProbeInputs.of(saved.graph(), 8, 4);
        try (TrainedModel trained = TrainedModel.load(run.design().graph(), run.weights());
                TrainedModel loaded = TrainedModel.loadDjlModel(saved.graph(), out, DjlExporter.MODEL_NAME)) {
            assertThat(Exporter.maxDifference(trained.predict(probes, 8), loaded.predict(probes, 8)))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void aKindInsideABlockThatTheFormatCannotExpressIsRefusedByItsPathAndNothingIsWritten(@TempDir Path dir) {
        Set<Class<? extends org.layercanvas.graph.LayerSpec>> withoutBatchNorm =
                new java.util.HashSet<>(new PyTorchExporter().supported());
        withoutBatchNorm.remove(org.layercanvas.graph.BatchNorm.class);
        Path out = dir.resolve("export");

        assertThat(Compatibility.problems(run.design().graph(), "pytorch", withoutBatchNorm))
                .anySatisfy(p -> assertThat(p).startsWith("'stage1/unit/2/b1_bn1' (BatchNorm)"))
                .anySatisfy(p -> assertThat(p).startsWith("'stage2/b2_project_bn' (BatchNorm)"))
                .noneMatch(p -> p.contains("'stage1' "));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PyTorchExporter(java.util.Optional::empty,
                withoutBatchNorm).export(run, out)).isInstanceOf(ExportException.class)
                .hasMessageContaining("'stage1/unit/1/b1_bn1' (BatchNorm)");
        assertThat(out).doesNotExist();
    }

    /**
     * A design whose names tempt collisions: two instances of one block (one repeated three times),
     * one named like a module member ({@code forward}), a body layer whose name starts with a digit,
     * and a top-level layer named like the variable of a layer inside a block ({@code stage_pool}).
     */
    static Graph awkward() {
        Graph g = new TestGraphs().add("in", new Input(List.of(6)))
                .add("1st", new Dense(8, true)).link("in", "1st")
                .add("pool", new ReLU()).link("1st", "pool")
                .add("stage_pool", new Dense(3, true)).link("pool", "stage_pool")
                .add("out", new org.layercanvas.graph.Output(org.layercanvas.graph.Output.SOFTMAX_CROSS_ENTROPY, 3))
                .link("stage_pool", "out").build();
        g = GroupCommand.of(g, Set.of("1st", "pool"), "forward").apply(g);
        LayerNode forward = BlockDesigns.instanceNamed(g, "forward");
        LayerNode stage = new LayerNode(g.newId(), "stage", new Block(((Block) forward.spec()).definition(), 3),
                new Position(0, 0));
        return g.withNode(stage).withoutEdge(new Edge(forward.id(), "stage_pool", 0))
                .withEdge(new Edge(forward.id(), stage.id(), 0)).withEdge(new Edge(stage.id(), "stage_pool", 0));
    }

    @Test
    void blockNamesThatWouldCollideOrShadowAModuleMemberAreMadeUnique() {
        Graph g = awkward();
        assertThat(Analysis.of(g).hasErrors()).isFalse();
        ExportNames names = ExportNames.of(g);
        Graph layers = Exporter.expanded(g);
        Map<String, String> byName = new java.util.HashMap<>();
        layers.nodes().forEach(n -> byName.put(n.name(), n.id()));

        assertThat(names.of(byName.get("forward/1st"))).isEqualTo("forward_/layer_1st");
        assertThat(names.of(byName.get("stage/3/pool"))).isEqualTo("stage/3/pool");
        assertThat(names.of("stage_pool")).isEqualTo("stage_pool");
        assertThat(names.variable("stage_pool")).isEqualTo("stage_pool");
        assertThat(names.variable(byName.get("stage/1/pool"))).isEqualTo("stage_1_pool");
        assertThat(layers.nodes().stream().map(n -> names.variable(n.id())).distinct()).hasSize(layers.size());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void awkwardBlockNamesStillLoadStrictlyInPyTorchAndComputeWhatTheEngineDoes(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        Graph g = awkward();
        Design design = Design.of("awkward blocks", g);
        PyTorchGraph model = new PyTorchGraph(g, design.name());
        float[] probes = ProbeInputs.of(g, 4, 1);
        float[] expected;
        try (TrainedModel trained = TrainedModel.initialized(g, 3)) {
            expected = trained.predict(probes, 4);
            PyTorchExporter.writeModel(dir, PyTorchModelSource.of(design.name(), model, List.of()), model,
                    trained.weights());
        }
        new TorchSaveWriter().floats("x", new long[] {4, 6}, probes).write(dir.resolve("probes.pt"), "probes");

        String printed = python.run(dir, Duration.ofSeconds(90), "-c", String.join("\n",
                "import sys, torch",
                "sys.path.insert(0, '.')",
                "import model",
                "net = model." + model.className() + "()",
                "net.load_state_dict(torch.load('weights.pt', weights_only=True), strict=True)",
                "net.eval()",
                "print(' '.join(net.state_dict().keys()))",
                "with torch.no_grad():",
                "    print(' '.join(repr(v) for v in net(torch.load('probes.pt', weights_only=True)['x']).flatten().tolist()))"));

        List<String> lines = printed.strip().lines().toList();
        assertThat(lines.get(lines.size() - 2).split(" ")).contains("forward_.layer_1st.weight",
                "stage.1.layer_1st.weight", "stage.3.layer_1st.bias", "stage_pool.weight");
        String[] values = lines.get(lines.size() - 1).split(" ");
        float[] actual = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            actual[i] = Float.parseFloat(values[i]);
        }
        assertThat(Exporter.maxDifference(expected, actual)).isLessThanOrEqualTo(TOLERANCE);
    }

    /** Returns the keys of the exported module's state dict, as PyTorch itself lists them. */
    private static List<String> stateDictKeys(TorchPython python, Path export, String className, Path work)
            throws Exception {
        String printed = python.run(work, Duration.ofSeconds(90), "-c", String.join("\n",
                "import sys",
                "sys.path.insert(0, sys.argv[1])",
                "import model",
                "print('\\n'.join(getattr(model, sys.argv[2])().state_dict().keys()))"),
                export.toAbsolutePath().toString(), className);
        return printed.strip().lines().toList();
    }
}
