package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private final CliRunner cli = new CliRunner();
    private final java.io.StringWriter out = cli.out;
    private final java.io.StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    private static Path write(Path dir, String name, String json) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static final String BROKEN_SHAPES = """
            {"format": "layercanvas-design", "version": 1, "name": "broken",
             "nodes": [
              {"id": "n1", "name": "pixels", "kind": "Input", "params": {"shape": [784]}},
              {"id": "n2", "name": "conv1", "kind": "Conv2d"},
              {"id": "n3", "name": "out", "kind": "Output"}],
             "edges": [{"from": "n1", "to": "n2"}, {"from": "n2", "to": "n3"}]}
            """;

    @Test
    void anUnknownExportFormatNamesTheFormatsThereAre(@TempDir Path dir) {
        assertThat(run("export", "--format", "tflite", dir.toString(), dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no export format 'tflite'").contains("djl").contains("onnx")
                .contains("pytorch");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void validateSaysOkForEverySampleAndExitsZero() {
        int code = run("validate", "samples/lenet5.json", "samples/residual-cnn.json");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("samples/lenet5.json: OK, 14 layers", "samples/residual-cnn.json: OK");
    }

    @Test
    void validatePrintsEachProblemWithFileNodeAndKindAndExitsOne(@TempDir Path dir) throws Exception {
        Path file = write(dir, "broken.json", BROKEN_SHAPES);
        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(file + ": node 'conv1' (Conv2d): expects input (C,H,W), got (784)")
                .contains(file + ": 1 error, 0 warnings");
    }

    @Test
    void validateReportsAnUnreadableFileAndGoesOnWithTheNext(@TempDir Path dir) throws Exception {
        Path bad = write(dir, "bad.json", "{\"format\": \"layercanvas-design\", \"version\": 1, \"nodes\": [}");
        assertThat(run("validate", bad.toString(), "samples/iris-mlp.json")).isEqualTo(1);
        assertThat(out.toString()).contains(bad + ":1:").contains("invalid JSON")
                .contains("samples/iris-mlp.json: OK");
    }

    @Test
    void validateJsonIsMachineReadable(@TempDir Path dir) throws Exception {
        Path file = write(dir, "broken.json", BROKEN_SHAPES);
        assertThat(run("validate", "--json", file.toString(), "samples/iris-mlp.json")).isEqualTo(1);
        JsonNode results = new ObjectMapper().readTree(out.toString());
        assertThat(results.get(0).get("valid").asBoolean()).isFalse();
        JsonNode d = results.get(0).get("diagnostics").get(0);
        assertThat(d.get("name").asText()).isEqualTo("conv1");
        assertThat(d.get("kind").asText()).isEqualTo("Conv2d");
        assertThat(d.get("severity").asText()).isEqualTo("error");
        assertThat(results.get(1).get("valid").asBoolean()).isTrue();
    }

    @Test
    void summaryTabulatesLayersAndTotalsLikeKeras() {
        assertThat(run("summary", "samples/lenet5.json")).isZero();
        String text = out.toString();
        assertThat(text).contains("conv2    Conv2d     (16,10,10)     2,416  240,000")
                .contains("Total params:            61,706");
    }

    @Test
    void summarySplitsTrainableFromNonTrainableParametersAsKerasAndPyTorchCountThem() throws Exception {
        assertThat(run("summary", "samples/residual-cnn.json")).isZero();
        // PyTorch's parameters() counts the 19,706; the batch norms' running statistics are buffers
        assertThat(out.toString()).contains("Total params:            19,994")
                .contains("Trainable params:        19,706").contains("Non-trainable params:    288");
        out.getBuffer().setLength(0);
        assertThat(run("summary", "--json", "samples/residual-cnn.json")).isZero();
        JsonNode totals = new ObjectMapper().readTree(out.toString()).get("totals");
        assertThat(totals.get("trainableParams").asLong()).isEqualTo(19_706);
        assertThat(totals.get("nonTrainableParams").asLong()).isEqualTo(288);
    }

    @Test
    void summaryJsonHasShapesAndTotals() throws Exception {
        assertThat(run("summary", "--json", "samples/mnist-mlp.json")).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("totals").get("params").asLong()).isEqualTo(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
        assertThat(root.get("layers").get(1).get("outputShape").toString()).isEqualTo("[784]");
    }

    @Test
    void summaryOfAMissingFileIsOneLineOnStderr() {
        assertThat(run("summary", "samples/nope.json")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("samples/nope.json: no such file");
    }

    @Test
    void helpAndVersionWorkEverywhere() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("LayerCanvas ");
        assertThat(run("summary", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: layercanvas summary");
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void theLayerReferenceInDocsIsTheCatalogsOwn() throws Exception {
        assertThat(run("layers", "--markdown")).isZero();
        assertThat(out.toString()).as("docs/layers.md is stale: regenerate it with `layers --markdown`")
                .isEqualTo(Files.readString(Path.of("docs/layers.md")));
        out.getBuffer().setLength(0);
        assertThat(run("layers")).isZero();
        assertThat(out.toString()).contains("  Conv2d — Slides learned filters", "      kernel = 3x3");
    }

    @Test
    void trainReadsItsSettingOptionsThroughTheSettingsCatalog(@TempDir Path runs) {
        String design = "samples/iris-mlp.json";
        assertThat(run("train", design, "--runs", runs.toString(), "--epochs", "five")).isEqualTo(1);
        assertThat(err.toString()).contains("training.epochs: expected a whole number, got \"five\"");
        cli.clear();
        assertThat(run("train", design, "--runs", runs.toString(), "--set", "schedule=weekly")).isEqualTo(1);
        assertThat(err.toString()).contains("training.schedule: expected one of fixed, step, cosine, got weekly");
        cli.clear();
        assertThat(run("train", design, "--runs", runs.toString(), "--set", "epoch=3")).isEqualTo(1);
        assertThat(err.toString()).contains("training.epoch: unknown setting; known settings: optimizer, learningRate,");
        cli.clear();
        assertThat(run("train", "--resume", runs.toString(), "--lr", "0.1")).isEqualTo(2);
        assertThat(err.toString()).contains("train --resume takes --epochs and --device only");
        assertThat(runs).isEmptyDirectory();
        cli.clear();
        assertThat(run("train", "--help")).isZero();
        assertThat(out.toString()).contains("--optimizer=<optimizer>", "sgd, adam, adamw (overrides the design)")
                .contains("Training settings (the design's training section; --set KEY=VALUE overrides one):")
                .contains("  learningRate = 0.001  [a number above 0, at most 10]  The base step size");
    }

    @Test
    void aDesignWithErrorsOrWithoutDataIsNotTrainedAndSaysWhy(@TempDir Path dir) throws Exception {
        Path broken = write(dir, "broken.json", BROKEN_SHAPES);
        assertThat(run("train", broken.toString(), "--runs", dir.resolve("runs").toString())).isEqualTo(1);
        assertThat(err.toString()).contains(broken + " has errors; fix them before training:")
                .contains(broken + ": node 'conv1' (Conv2d): ")
                .contains(broken + " has no dataset section; add one (see docs/file-format.md) or pass --data");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aDesignPathThatIsAFolderIsOneLineForEveryCommand(@TempDir Path dir) {
        for (String command : new String[] {"validate", "summary", "train"}) {
            cli.clear();
            assertThat(run(command, dir.toString())).as(command).isEqualTo(1);
            assertThat(out + "" + err).as(command).isEqualTo(dir + ": is a folder, not a design file; give the path of"
                    + " a design's .json file\n");
        }
    }

    @Test
    void controlCharactersInNamesAreEscapedNotSentToTheTerminal(@TempDir Path dir) throws Exception {
        Path file = write(dir, "red.json", """
                {"format": "layercanvas-design", "version": 1, "name": "\\u001b[31mred\\u0007",
                 "nodes": [
                  {"id": "n1", "name": "in\\u001b]0;owned\\u0007put", "kind": "Input", "params": {"shape": [4]}},
                  {"id": "n2", "name": "out", "kind": "Output"}],
                 "edges": [{"from": "n1", "to": "n2"}]}
                """);
        run("summary", file.toString());
        assertThat(out.toString()).doesNotContain("\u001b", "\u0007").contains("\\u001b[31mred\\u0007")
                .contains("in\\u001b]0;owned\\u0007put");
        cli.clear();
        run("validate", "--json", file.toString());
        assertThat(out.toString()).doesNotContain("\u001b");
        assertThat(new ObjectMapper().readTree(out.toString())).isNotNull();
    }
}
