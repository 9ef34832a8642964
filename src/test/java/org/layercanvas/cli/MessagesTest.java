package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/** What a person reads when a run, a model folder or an option is wrong: which file, what is wrong, what to do. */
@Tag("engine")
class MessagesTest {
    @TempDir
    static Path trainedIn;
    private static Path trained;

    private final CliRunner cli = new CliRunner();
    @TempDir
    Path dir;
    private Path run;

    @BeforeAll
    static void train() {
        trained = TrainedRuns.trainIris(trainedIn, 2);
    }

    @BeforeEach
    void copyRun() throws Exception {
        run = TrainedRuns.copy(trained, Files.createDirectory(dir.resolve("runs")));
    }

    private int run(String... args) {
        cli.clear();
        return cli.run(args);
    }

    @Test
    void resumingWithNoMoreEpochsThanTrainedSaysHowManyItHas() {
        assertThat(run("train", "--resume", run.toString(), "--epochs", "1")).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo(run.getFileName() + " has trained 2 epochs; --epochs must be more than"
                + " 2 to go on (it is 1)\n");
    }

    @Test
    void aTruncatedCheckpointSaysWhichFileAndWhatToDo() throws Exception {
        Path checkpoint = run.resolve("checkpoints/epoch-0002.params");
        byte[] whole = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, Arrays.copyOf(whole, whole.length - 10));
        assertThat(run("train", "--resume", run.toString(), "--epochs", "3")).isEqualTo(1);
        assertThat(cli.out + "" + cli.err).contains("Training failed: Cannot resume: " + checkpoint + " is truncated: it"
                + " ends before all of the design's weights were read.\nDelete it to resume from the checkpoint before"
                + " it, or train the design again.");

        Files.write(checkpoint, Arrays.copyOf(whole, 40));
        assertThat(run("train", "--resume", run.toString(), "--epochs", "3")).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo(checkpoint + " is truncated: it ends inside its training state. The"
                + " file is damaged: resume the run from an earlier checkpoint, or train it again.\n");
    }

    @Test
    void predictNamesTheDamagedOrMissingFile() throws Exception {
        Path model = dir.resolve("iris-model");
        assertThat(run("export", "--format", "djl", run.toString(), model.toString())).as(cli.err.toString()).isZero();
        Path flowers = Files.writeString(dir.resolve("flowers.csv"),
                "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n");
        Path absent = dir.resolve("absent.csv");
        assertThat(run("predict", model.toString(), absent.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("cannot predict: the input " + absent + " does not exist ("
                + absent.toAbsolutePath() + ")\n");

        Path params = model.resolve("model-0000.params");
        byte[] whole = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(whole, whole.length / 2));
        assertThat(run("predict", model.toString(), flowers.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("cannot predict with " + model + ": " + params + " is truncated: it"
                + " ends before all of the design's weights were read. The file is damaged: export the run again.\n");

        Path metadata = model.resolve("metadata.json");
        Files.writeString(metadata, "{\"format\": layercanvas");
        assertThat(run("predict", model.toString(), flowers.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).startsWith("cannot predict with " + model + ": " + metadata + " is not valid"
                + " JSON (").endsWith("): the file is damaged. Export the run again with export --format djl.\n");
    }

    @Test
    void runsCannotGoWhereAFileIs() throws Exception {
        Path file = Files.writeString(dir.resolve("runs.txt"), "notes");
        assertThat(run("train", "samples/iris-mlp.json", "--runs", file.toString(), "--epochs", "1")).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("Cannot keep runs in " + file + ": it is a file, not a folder."
                + " Choose a folder for runs.\n");
        assertThat(file).hasContent("notes");
    }

    @Test
    void aDesignWithAVeryLongNameTrainsIntoAShortRunFolder() throws Exception {
        DesignCodec codec = new DesignCodec();
        Design iris = codec.read(Path.of("samples/iris-mlp.json"));
        String name = "iris".repeat(75);
        Path file = dir.resolve("long.json");
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>(iris.dataset());
        data.put("file", Path.of("samples/data/iris.csv").toAbsolutePath().toString());
        codec.write(new Design(name, iris.graph(), data, iris.training()), file);
        Path runs = dir.resolve("long-runs");
        assertThat(run("train", file.toString(), "--runs", runs.toString(), "--epochs", "1")).as(cli.err.toString())
                .isZero();
        assertThat(RunFolder.list(runs).get(0).dir().getFileName().toString()).hasSize(16 + 64);
    }
}
