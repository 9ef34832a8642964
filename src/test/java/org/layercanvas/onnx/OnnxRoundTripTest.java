package org.layercanvas.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.export.ExportNames;
import org.layercanvas.export.Exporter;
import org.layercanvas.export.OnnxExporter;
import org.layercanvas.export.TrainedRun;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerCases;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Reshape;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.SingleLayerDesigns;
import org.layercanvas.graph.Conv1d;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Convolution;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Dropout;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.Samples;
import org.layercanvas.onnx.proto.ModelProto;

/**
 * Every sample design and every layer case, exported with LayerCanvas's own ONNX exporter, imports back to the same layer
 * kinds, parameters and names (but for dropout, which an inference file does not keep), and computes
 * the same outputs.
 */
@Tag("engine")
class OnnxRoundTripTest {
    private static final double TOLERANCE = 1e-4;
    static List<Path> samples() {
        return Samples.designs();
    }

    @ParameterizedTest
    @MethodSource("samples")
    @Timeout(300)
    void aSampleExportedToOnnxImportsBackToTheSameLayers(Path sample, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Design original = new DesignCodec().read(sample);
        Path onnx = export(original, dir, targets(original));
        checkRoundTrip(original, onnx, dir);
    }

    /** Returns what the design's run folder says its targets are, as its Output's loss decides. */
    private static String targets(Design design) {
        Output out = (Output) design.graph().nodes().stream().map(LayerNode::spec).filter(Output.class::isInstance)
                .findFirst().orElseThrow();
        if (!out.isClassification()) {
            return "values";
        }
        return out.isPerPosition() ? "position_classes" : "classes";
    }

    /** Exports the design with freshly initialized weights through a run folder, as a user would. */
    private static Path export(Design original, Path dir, String targets) throws Exception {
        DesignCodec codec = new DesignCodec();
        RunFolder run = RunFolder.create(dir.resolve("runs"), original.name(), codec.toBytes(original),
                TrainingSettings.DEFAULTS, Map.of("targets", targets), LocalDateTime.of(2026, 12, 1, 0, 0));
        try (TrainedModel m = TrainedModel.initialized(original.graph(), 11)) {
            m.save(run.model());
        }
        Path onnx = dir.resolve("model.onnx");
        new OnnxExporter().export(TrainedRun.open(run.dir()), onnx);
        return onnx;
    }

    private static void checkRoundTrip(Design original, Path onnx, Path dir) throws Exception {
        Path weights = dir.resolve("runs").toFile().listFiles()[0].toPath().resolve(RunFolder.MODEL);
        ImportedModel imported = OnnxImport.read(onnx);
        // a design with blocks exports (and so imports) the layers it stands for, named by their paths
        Graph layers = Exporter.expanded(original.graph());
        Analysis before = Analysis.of(layers);
        Analysis after = Analysis.of(imported.design().graph());
        assertThat(imported.design().name()).isEqualTo(original.name());
        ExportNames names = ExportNames.of(original.graph());
        Map<String, LayerNode> byName = new java.util.HashMap<>();
        imported.design().graph().nodes().forEach(n -> byName.put(n.name(), n));
        long kept = 0;
        for (LayerNode n : layers.nodes()) {
            if (n.spec() instanceof Dropout) {
                continue; // the ONNX export leaves Dropout out: it does nothing at inference
            }
            kept++;
            LayerNode back = byName.get(names.of(n.id()));
            assertThat(back).as("a layer named %s", names.of(n.id())).isNotNull();
            assertThat(comparable(back.spec(), after.shape(back.id()))).as(n.name())
                    .isEqualTo(comparable(n.spec(), before.shape(n.id())));
        }
        assertThat(imported.design().graph().size()).isEqualTo(kept);

        ImportReport report = OnnxImport.write(imported, dir.resolve("imported.json"), dir.resolve("imported-runs"),
                false);
        assertThat(report.maxDifference()).isLessThanOrEqualTo(TOLERANCE);
        // and against the design's own outputs in the engine, with the weights it was exported with
        try (TrainedModel exported = TrainedModel.load(original.graph(), weights);
                TrainedModel back = TrainedModel.load(imported.design().graph(), report.run().resolve(RunFolder.MODEL))) {
            float[] x = org.layercanvas.export.ProbeInputs.of(original.graph(), 3, 5);
            float[] a = exported.predict(x, 3);
            float[] b = back.predict(x, 3);
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                assertThat((double) Math.abs(a[i] - b[i])).as("output %d", i).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    static java.util.stream.Stream<LayerCases.Case> layerCases() {
        return LayerCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerCases")
    @Timeout(60)
    void everyLayerCaseExportedToOnnxImportsBackToTheSameLayer(LayerCases.Case c,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Design original = SingleLayerDesigns.of(c);
        Path onnx = export(original, dir, targets(original));
        checkRoundTrip(original, onnx, dir);
    }

    /**
     * Attention is recognized by what its constants are, not only by its operators: with its scores
     * scaled by another number than √(head width), the file computes something else, and its nodes
     * are refused by name instead of imported as a MultiHeadAttention.
     */
    @org.junit.jupiter.api.Test
    @Timeout(60)
    void attentionScaledOtherwiseThanItsHeadWidthIsRefusedByNode(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        LayerCases.Case attention = new LayerCases.Case(new org.layercanvas.graph.MultiHeadAttention(2, 0, false, true),
                List.of(Shape.of(5, 8)));
        Path onnx = export(SingleLayerDesigns.of(attention), dir, "values");
        ModelProto model = ModelProto.parseFrom(java.nio.file.Files.readAllBytes(onnx));
        ModelProto.Builder b = model.toBuilder();
        var inits = b.getGraphBuilder().getInitializerBuilderList();
        var scale = inits.stream().filter(t -> t.getName().endsWith("sqrt_head_width")).findFirst().orElseThrow();
        scale.setRawData(com.google.protobuf.ByteString.copyFrom(java.nio.ByteBuffer.allocate(4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(3f).array()));
        java.nio.file.Files.write(onnx, b.build().toByteArray());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxImport.read(onnx))
                .isInstanceOf(OnnxImportException.class).hasMessageContaining("node 'the_layer/products'");
        // and the file as exported imports
        Path intact = dir.resolve("intact.onnx");
        java.nio.file.Files.write(intact, model.toByteArray());
        assertThat(OnnxImport.read(intact).design().graph().nodes()).extracting(LayerNode::spec)
                .contains(new org.layercanvas.graph.MultiHeadAttention(2, 0, false, true));
    }

    /**
     * Returns a spec as the file can say it: padding as the sizes it means ('same' and '1' alike), and
     * BatchNorm without its momentum, which only training uses and ONNX inference files do not keep.
     */
    private static Object comparable(LayerSpec spec, Shape output) {
        // a size given makes the scale unused: the file holds only the size
        if (spec instanceof org.layercanvas.graph.Upsample u && java.util.Arrays.stream(u.sizes()).anyMatch(x -> x != 0)) {
            return List.of(spec.getClass().getSimpleName(), u.mode(), java.util.Arrays.toString(u.sizes()),
                    u.alignCorners());
        }
        if (spec instanceof Reshape) {
            return List.of("Reshape", output); // [4, -1] and [4, 3] alike
        }
        if (spec instanceof Convolution c) {
            Object sizes = java.util.Arrays.toString(c.resolvedPadding());
            return spec instanceof Conv1d d ? List.of("Conv1d", d.filters(), d.kernel(), d.stride(), sizes, d.dilation(),
                    d.groups(), d.bias())
                    : List.of("Conv2d", ((Conv2d) c).filters(), ((Conv2d) c).kernel(), ((Conv2d) c).stride(), sizes,
                            ((Conv2d) c).dilation(), c.groups(), c.bias());
        }
        // axes as the file says them: counted from the start ([-1, 0] of three axes is [0, 2])
        if (spec instanceof org.layercanvas.graph.Squeeze q) {
            return List.of("Squeeze", q.batchedAxis(output.rank() + 1));
        }
        if (spec instanceof org.layercanvas.graph.Unsqueeze u) {
            return List.of("Unsqueeze", u.batchedAxis(output.rank() - 1));
        }
        if (spec instanceof org.layercanvas.graph.Reduce r) {
            int rank = r.keepDims() ? output.rank() : output.rank() + r.axes().size();
            return List.of("Reduce", r.op(), java.util.Arrays.toString(r.batchedAxes(rank)), r.keepDims());
        }
        if (spec instanceof BatchNorm b) {
            return List.of("BatchNorm", b.epsilon());
        }
        // dropout works only while training: an inference file has none to keep
        if (spec instanceof org.layercanvas.graph.MultiHeadAttention m) {
            return new org.layercanvas.graph.MultiHeadAttention(m.heads(), 0, m.causal(), m.bias());
        }
        if (spec instanceof org.layercanvas.graph.TransformerEncoder t) {
            return new org.layercanvas.graph.TransformerEncoder(t.heads(), t.feedForward(), 0, t.activation(),
                    t.normFirst(), t.layers());
        }
        return spec;
    }
}
