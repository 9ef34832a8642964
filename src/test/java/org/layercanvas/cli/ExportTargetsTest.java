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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layercanvas.engine.RunFolder;

/**
 * An export never destroys what a person has at its output path: not a run's weights, not a file or
 * folder of theirs, and an earlier export only when asked to with --force; a killed export's leftovers
 * go with the next export.
 */
@Tag("engine")
class ExportTargetsTest {
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

    private int export(String format, Path out, String... more) {
        cli.clear();
        String[] args = {"export", "--format", format, run.toString(), out.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return cli.run(all);
    }

    @Test
    void anExportIntoTheRunFolderIsRefusedAndTheWeightsStayAsTrained() throws Exception {
        Path weights = run.resolve(RunFolder.MODEL);
        byte[] before = Files.readAllBytes(weights);
        assertThat(export("onnx", weights)).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("export: Refused to export to " + weights + ": it is inside the run"
                + " folder " + run.toRealPath() + ", and an export never writes there. Choose a path outside run"
                + " folders.\n");
        assertThat(export("djl", run.resolve("checkpoints").resolve("model"), "--force")).isEqualTo(1);
        assertThat(weights).hasBinaryContent(before);
        assertThat(export("onnx", dir.resolve("iris.onnx"))).as(cli.err.toString()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"djl", "onnx", "pytorch"})
    void anExportNeverReplacesAFileOfThePersonsEvenWithForce(String format) throws Exception {
        Path thesis = Files.writeString(dir.resolve("thesis.txt"), "draft\n");
        assertThat(export(format, thesis)).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("export: Refused to export to " + thesis + ": a file is there that is"
                + " not an earlier export of LayerCanvas, and an export never replaces it. Choose another path, or"
                + " move the file away first.\n");
        assertThat(export(format, thesis, "--force")).isEqualTo(1);
        assertThat(thesis).isRegularFile().hasContent("draft\n");
    }

    @Test
    void aFolderOfThePersonsIsNeverReplacedButAnEmptyOneIsUsed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("notes"));
        Files.writeString(folder.resolve("todo.md"), "- write\n");
        assertThat(export("djl", folder, "--force")).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("export: Refused to export to " + folder + ": it is a folder that is"
                + " not an earlier export of LayerCanvas (it has no .layercanvas-export), and an export never replaces"
                + " it. Choose a new or empty folder.\n");
        assertThat(folder.resolve("todo.md")).hasContent("- write\n");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(export("pytorch", empty)).as(cli.err.toString()).isZero();
        assertThat(empty.resolve("model.py")).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"djl", "onnx"})
    void anEarlierExportIsReplacedOnlyWithForce(String format) throws Exception {
        Path out = dir.resolve(format.equals("onnx") ? "iris.onnx" : "iris-model");
        assertThat(export(format, out)).as(cli.err.toString()).isZero();
        assertThat(export(format, out)).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("export: " + out + " holds an earlier export; pass --force to replace"
                + " it, or choose another path. Nothing was written.\n");
        assertThat(export(format, out, "--force")).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("Verified with");
    }

    @Test
    void anEarlierExportWithAFileOfThePersonsInsideIsNotReplaced() throws Exception {
        Path out = dir.resolve("iris-model");
        assertThat(export("djl", out)).as(cli.err.toString()).isZero();
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThat(export("djl", out, "--force")).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("export: Refused to export to " + out + ": it holds an earlier export"
                + " and files of its own too (notes.txt), which an export never replaces. Choose a new or empty"
                + " folder.\n");
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void theStagingFolderOfAKilledExportIsRemovedByTheNextExport() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectories(dir.resolve(".iris-model.exporting-" + gone.pid()).resolve("iris-model"));
        Files.write(stale.resolve("model-0000.params"), new byte[1 << 20]);
        Path mine = Files.createDirectory(dir.resolve(".hidden.exporting-x"));
        assertThat(export("djl", dir.resolve("other-model"))).as(cli.err.toString()).isZero();
        assertThat(stale.getParent()).doesNotExist();
        assertThat(mine).as("only what is named like a staging folder of a dead process").exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains("exporting-")))
                    .containsExactly(".hidden.exporting-x");
        }
    }

    @Test
    void aRunWhoseDesignWasEditedIsNotExported() throws Exception {
        Path design = run.resolve(RunFolder.DESIGN);
        Files.writeString(design, Files.readString(design).replace("\"ReLU\"", "\"Sigmoid\""));
        Path out = dir.resolve("iris-model");
        assertThat(export("djl", out)).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("export failed: " + design + " was changed after the run trained"
                + " it: it no longer matches the digest in run.json. The run's weights belong to the design as"
                + " trained: put that design.json back, or train the changed design as a new run.\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTruncatedModelSaysWhichFileAndWhatToDo() throws Exception {
        Path weights = run.resolve(RunFolder.MODEL);
        byte[] whole = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(whole, whole.length / 2));
        assertThat(export("onnx", dir.resolve("iris.onnx"))).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("export failed: " + weights + " is truncated: it ends before all of"
                + " the design's weights were read. The file is damaged: resume the run from an earlier checkpoint,"
                + " or train it again.\n");
        assertThat(dir.resolve("iris.onnx")).doesNotExist();
    }
}
