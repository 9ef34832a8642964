package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.RunFolder;

/**
 * {@code train DESIGN --init RUN}: a new run of a design edited since RUN trained (or since it was
 * imported) starts from RUN's weights, layer by layer, as a person would use it.
 */
@Tag("engine")
class InitFromRunCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CliRunner cli = new CliRunner();

    @TempDir
    Path dir;
    private Path runs;
    private Path earlier;
    private String name;

    private int run(String... args) {
        cli.clear();
        return cli.run(args);
    }

    private String err() {
        return cli.err.toString();
    }

    /** Trains the Iris sample for a few epochs: the run the others start from. */
    @BeforeEach
    void trainIrisOnce() throws Exception {
        runs = dir.resolve("runs");
        assertThat(run("train", "samples/iris-mlp.json", "--epochs", "3", "--runs", runs.toString())).as(err()).isZero();
        earlier = RunFolder.list(runs).get(0).dir();
        name = earlier.getFileName().toString();
    }

    /** Writes the Iris sample beside the test's runs, its data named absolutely, after {@code edit}. */
    private Path iris(String file, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode design = (ObjectNode) JSON.readTree(Path.of("samples/iris-mlp.json").toFile());
        ((ObjectNode) design.get("dataset")).put("file", Path.of("samples/data/iris.csv").toAbsolutePath().toString());
        edit.accept(design);
        Path path = dir.resolve(file);
        JSON.writeValue(path.toFile(), design);
        return path;
    }

    private static ObjectNode node(ObjectNode design, String name) {
        for (var n : design.get("nodes")) {
            if (n.get("name").asText().equals(name)) {
                return (ObjectNode) n;
            }
        }
        throw new AssertionError("no layer " + name);
    }

    private List<Path> folders() throws Exception {
        return RunFolder.list(runs).stream().map(RunFolder::dir).toList();
    }

    @Test
    void aLayerAddedSinceTheRunStartsFreshAndTheOthersFromTheRunsWeights() throws Exception {
        Path design = iris("deeper.json", d -> {
            ArrayNode nodes = (ArrayNode) d.get("nodes");
            nodes.add(JSON.valueToTree(Map.of("id", "n6", "name", "extra", "kind", "Dense", "x", 200.0, "y", 300.0,
                    "params", Map.of("units", 16))));
            nodes.add(JSON.valueToTree(Map.of("id", "n7", "name", "relu2", "kind", "ReLU", "x", 200.0, "y", 350.0)));
            ArrayNode edges = (ArrayNode) d.get("edges");
            edges.remove(2);
            edges.add(JSON.valueToTree(Map.of("from", "n3", "to", "n6")));
            edges.add(JSON.valueToTree(Map.of("from", "n6", "to", "n7")));
            edges.add(JSON.valueToTree(Map.of("from", "n7", "to", "n4")));
        });

        assertThat(run("train", design.toString(), "--init", earlier.toString(), "--epochs", "2", "--runs",
                runs.toString())).as(err()).isZero();

        assertThat(err()).contains("Starting from the weights of " + name + " (model.params): 2 layers: hidden, logits")
                .contains("Not in " + name + ", starting fresh: extra").doesNotContain("Warning");
        Path started = folders().get(1);
        assertThat(started.resolve(RunFolder.INITIAL)).exists();
        Map<?, ?> from = (Map<?, ?>) JSON.readValue(started.resolve(RunFolder.RUN).toFile(), Map.class)
                .get("initializedFrom");
        assertThat(from.get("run")).isEqualTo(earlier.toAbsolutePath().normalize().toString());
        assertThat(from.get("freshLayers")).isEqualTo(List.of("extra"));
    }

    @Test
    void aLayerWhoseShapeChangedIsRefusedByNameUnlessChosenToStartFresh() throws Exception {
        Path design = iris("narrower.json", d -> ((ObjectNode) node(d, "hidden").get("params")).put("units", 12));

        assertThat(run("train", design.toString(), "--init", earlier.toString(), "--runs", runs.toString()))
                .isEqualTo(1);
        assertThat(err()).contains("The weights of " + name + " do not fit layers changed since:")
                .contains("layer 'hidden': weight is (16,4) in " + name + " but (12,4) in the design")
                .contains("layer 'hidden': bias is (16) in " + name + " but (12) in the design")
                .contains("layer 'logits': weight is (3,16) in " + name + " but (3,12) in the design")
                .contains("--init-changed fresh");
        assertThat(folders()).as("nothing written for a refused run").hasSize(1);
        // both of its layers with weights changed: nothing would come from the run
        assertThat(run("train", design.toString(), "--init", earlier.toString(), "--init-changed", "fresh",
                "--runs", runs.toString())).isEqualTo(1);
        assertThat(err()).contains("Every layer of the design that " + name + " has changed since (hidden, logits)");
        assertThat(folders()).hasSize(1);
    }

    @Test
    void aChangedLayerChosenToStartFreshDoesSoWithAWarning() throws Exception {
        Path design = iris("no-bias.json", d -> ((ObjectNode) node(d, "hidden").get("params")).put("bias", false));

        assertThat(run("train", design.toString(), "--init", earlier.toString(), "--runs", runs.toString()))
                .isEqualTo(1);
        assertThat(err()).contains("layer 'hidden': bias (16) is in " + name + " but not in the design");

        assertThat(run("train", design.toString(), "--init", earlier.toString(), "--init-changed", "fresh",
                "--epochs", "2", "--runs", runs.toString())).as(err()).isZero();
        assertThat(err()).contains("Starting from the weights of " + name + " (model.params): 1 layer: logits")
                .contains("Warning: layer 'hidden' starts fresh: bias (16) is in " + name + " but not in the design");
        assertThat(folders()).hasSize(2);
    }

    @Test
    void anImportedModelFineTunesFromItsImportedWeights() throws Exception {
        Path onnx = dir.resolve("iris.onnx");
        assertThat(run("export", "--format", "onnx", earlier.toString(), onnx.toString())).as(err()).isZero();
        Path imported = dir.resolve("imported.json");
        Path importedRuns = dir.resolve("imported-runs");
        assertThat(run("import", onnx.toString(), imported.toString(), "--runs", importedRuns.toString()))
                .as(err()).isZero();
        Path importedRun = RunFolder.list(importedRuns).get(0).dir();

        // the imported design has no dataset section: the data comes on the command line
        assertThat(run("train", imported.toString(), "--init", importedRun.toString(), "--epochs", "2",
                "--data", "kind=csv", "--data", "file=" + Path.of("samples/data/iris.csv").toAbsolutePath(),
                "--data", "label=species", "--runs", importedRuns.toString())).as(err()).isZero();
        assertThat(err()).contains("Starting from the weights of " + importedRun.getFileName()
                + " (model.params): 2 layers: hidden, logits");
    }

    @Test
    void initIsForANewRunOfADesign() throws Exception {
        assertThat(run("train", "samples/iris-mlp.json", "--init-changed", "fresh")).isEqualTo(2);
        assertThat(err()).contains("give --init RUN too");
        assertThat(run("train", "--resume", earlier.toString(), "--init", earlier.toString())).isEqualTo(2);
        assertThat(err()).contains("--init starts a new run of a design");
        assertThat(run("train", "samples/iris-mlp.json", "--init", dir.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(err()).contains(dir.resolve("nowhere") + " is not a run folder");
        assertThat(folders()).hasSize(1);
    }
}
