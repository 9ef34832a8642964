package org.layercanvas.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.cli.LayerCanvasCommand;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.ReLU;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.onnx.proto.AttributeProto;
import org.layercanvas.onnx.proto.ModelProto;
import org.layercanvas.onnx.proto.NodeProto;
import org.layercanvas.onnx.proto.OperatorSetIdProto;
import org.layercanvas.onnx.proto.StringStringEntryProto;
import org.layercanvas.onnx.proto.TensorProto;

/** Reading ONNX files: what maps, what is refused and how, and what an import writes. */
class OnnxImportTest {

    private static Path save(ModelProto model, Path file) throws Exception {
        Files.write(file, model.toByteArray());
        return file;
    }

    @Test
    void gemmsMapToDenseLayersNamedAfterTheirNodes(@TempDir Path dir) throws Exception {
        ImportedModel m = OnnxImport.read(save(TinyModels.mlp(), dir.resolve("tiny.onnx")));
        List<LayerNode> nodes = List.copyOf(m.design().graph().nodes());
        assertThat(nodes).extracting(LayerNode::name).containsExactly("x", "/fc1/Gemm", "/act/Relu", "/fc2/Gemm", "y");
        assertThat(nodes.get(1).spec()).isEqualTo(new Dense(3, true));
        assertThat(nodes.get(2).spec()).isEqualTo(new ReLU());
        assertThat(nodes.get(4).spec()).isEqualTo(new Output(Output.SOFTMAX_CROSS_ENTROPY, 2));
        // fc2 is (in, out) with transB=0 and alpha 0.5: stored as PyTorch's (out, in), scaled
        var w2 = m.weights().get(nodes.get(3).id()).get(0);
        assertThat(w2.shape()).containsExactly(2, 3);
        assertThat(m.design().graph().nodes()).extracting(LayerNode::position).doesNotHaveDuplicates();
    }

    @Test
    void everyUnsupportedNodeIsListedByNameAndOperatorAndNothingIsWritten(@TempDir Path dir) throws Exception {
        ModelProto.Builder b = TinyModels.mlp().toBuilder();
        b.getGraphBuilder().addNode(NodeProto.newBuilder().setName("/fc/Gemm_3").setOpType("Einsum").addInput("y")
                .addOutput("z")).addNode(NodeProto.newBuilder().setName("/odd").setOpType("Hardmax").addInput("z")
                .addOutput("w"));
        Path file = save(b.build(), dir.resolve("odd.onnx"));
        assertThatThrownBy(() -> OnnxImport.read(file)).isInstanceOf(OnnxImportException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("node '/fc/Gemm_3': operator Einsum is not supported")
                .hasMessageContaining("node '/odd': operator Hardmax is not supported");
        assertThat(dir.toFile().list()).containsExactly("odd.onnx");
    }

    @Test
    void malformedFilesGetOneMessageNamingTheFile(@TempDir Path dir) throws Exception {
        byte[] good = TinyModels.mlp().toByteArray();
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> OnnxImport.read(truncated)).isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith(truncated.toString()).hasMessageContaining("truncated");

        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "these are not the weights you are looking for\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxImport.read(text)).isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith(text.toString()).hasMessageContaining("not");

        Path newer = save(TinyModels.mlp().toBuilder().setOpsetImport(0,
                OperatorSetIdProto.newBuilder().setDomain("").setVersion(21)).build(), dir.resolve("newer.onnx"));
        assertThatThrownBy(() -> OnnxImport.read(newer)).hasMessageStartingWith(newer.toString())
                .hasMessageContaining("opset 21, newer than the newest LayerCanvas reads (17)");

        ModelProto.Builder external = TinyModels.mlp().toBuilder();
        TensorProto w = external.getGraph().getInitializer(0);
        external.getGraphBuilder().setInitializer(0, w.toBuilder().clearRawData()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin")));
        Path ext = save(external.build(), dir.resolve("external.onnx"));
        assertThatThrownBy(() -> OnnxImport.read(ext)).hasMessageStartingWith(ext.toString())
                .hasMessageContaining("initializer 'fc1.weight'").hasMessageContaining("external data file ('weights.bin')");

        Path empty = Files.createFile(dir.resolve("empty.onnx"));
        assertThatThrownBy(() -> OnnxImport.read(empty)).hasMessageContaining("empty");
    }

    @Test
    void poolingOverAVectorIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        ModelProto.Builder b = TinyModels.mlp().toBuilder();
        b.getGraphBuilder().getNodeBuilder(1).setOpType("MaxPool")
                .addAttribute(AttributeProto.newBuilder().setName("kernel_shape").setType(AttributeProto.AttributeType.INTS)
                        .addInts(2));
        Path file = save(b.build(), dir.resolve("pool.onnx"));
        assertThatThrownBy(() -> OnnxImport.read(file)).hasMessageContaining("node '/act/Relu'")
                .hasMessageContaining("does not fit a 1-D pooling");
    }

    @Tag("engine")
    @Test
    void anImportWritesTheDesignAndARunThatExportsAgainAndNeverOverwrites(@TempDir Path dir) throws Exception {
        Path model = save(TinyModels.mlp(), dir.resolve("tiny.onnx"));
        Path design = dir.resolve("tiny.json");
        Path runs = dir.resolve("runs");
        var cli = LayerCanvasCommand.commandLine();
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out)).setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute("import", model.toString(), design.toString(), "--runs", runs.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("5 layers").contains("largest difference");
        RunFolder run = RunFolder.list(runs).get(0);
        assertThat(run.summary().status()).isEqualTo("imported");
        assertThat(run.summary().design()).isEqualTo("tiny");
        assertThat(new DesignCodec().read(design).graph().size()).isEqualTo(5);

        // the weights are the file's: the design with them computes what ONNX Runtime computes
        float[] x = {0.5f, -1f, 2f, 0.25f};
        try (TrainedModel m = TrainedModel.load(new DesignCodec().read(design).graph(), run.model())) {
            float[] y = m.predict(x, 1);
            assertThat(y).hasSize(2);
        }
        Path onnx = dir.resolve("again.onnx");
        assertThat(cli.execute("export", "--format", "onnx", run.dir().toString(), onnx.toString()))
                .as(err.toString()).isZero();
        assertThat(onnx).exists();
        Path djl = dir.resolve("djl");
        assertThat(cli.execute("export", "--format", "djl", run.dir().toString(), djl.toString()))
                .as(err.toString()).isZero();
        Path csv = Files.writeString(dir.resolve("rows.csv"), "a,b,c,d\n0.5,-1,2,0.25\n1,1,1,1\n");
        assertThat(cli.execute("predict", djl.toString(), csv.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("row 1: ").contains("row 2: ");

        long before = Files.getLastModifiedTime(design).toMillis();
        assertThat(cli.execute("import", model.toString(), design.toString(), "--runs", runs.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("exists already");
        assertThat(Files.getLastModifiedTime(design).toMillis()).isEqualTo(before);
        assertThat(RunFolder.list(runs)).hasSize(1);
        assertThat(cli.execute("import", model.toString(), design.toString(), "--runs", runs.toString(), "--force"))
                .isZero();
    }
}
