package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.FolderSnapshot;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingSettings;

/** One damaged run never hides the others: {@code runs} lists every readable run and marks the bad one. */
class RunsListingTest {
    private final CliRunner cli = new CliRunner();

    private static RunFolder run(Path root, String name, int minute) throws Exception {
        RunFolder folder = RunFolder.create(root, name, Files.readAllBytes(Path.of("samples/iris-mlp.json")),
                TrainingSettings.DEFAULTS, Map.of(), LocalDateTime.of(2026, 12, 1, 9, minute));
        try (RunFolder.EventLog log = folder.openLog()) {
            log.append(new TrainingEvent.Started(name, 1, 2, 4, 120, 30, "accuracy", "cpu", "oneDNN SSE41"));
            log.append(new TrainingEvent.EpochEnded(1, 0.9, 0.6, 0.85, 0.75, 250, 1));
            log.append(new TrainingEvent.EpochEnded(2, 0.5, 0.8, 0.4, 0.9, 500, 2));
            log.append(new TrainingEvent.Finished(2, 2, 0.9, "completed", 600));
        }
        Files.write(folder.model(), new byte[] {1, 2, 3});
        return folder;
    }

    @Test
    void aRunWhoseLogIsRandomBytesIsMarkedAndEveryOtherRunIsListed(@TempDir Path root) throws Exception {
        run(root, "first", 0);
        RunFolder bad = run(root, "garbled", 1);
        run(root, "last", 2);
        byte[] noise = new byte[5000];
        new Random(5).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        Files.write(bad.dir().resolve(RunFolder.METRICS), noise);

        assertThat(cli.run("runs", root.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).isEmpty();
        assertThat(cli.out.toString().lines()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(1)).startsWith("20261201-090000-first").endsWith("finished (completed)")
                    .contains("2/2").contains("90.00%");
            assertThat(lines.get(2)).startsWith("20261201-090100-garbled").endsWith("unreadable: "
                    + RunFolder.METRICS + " line 1 is not UTF-8 text: the log is damaged.");
            assertThat(lines.get(3)).startsWith("20261201-090200-last").endsWith("finished (completed)");
        });
    }

    @Test
    void eachWayARunFolderIsDamagedIsMarkedWithItsReasonAndNothingInItIsWritten(@TempDir Path root)
            throws Exception {
        run(root, "sound", 0);
        Files.write(run(root, "empty-weights", 1).model(), new byte[0]);
        RunFolder edited = run(root, "edited", 2);
        Files.writeString(edited.dir().resolve(RunFolder.DESIGN), Files.readString(edited.dir().resolve(
                RunFolder.DESIGN)).replace("relu", "sigmoid"));
        Files.writeString(run(root, "broken-record", 3).dir().resolve(RunFolder.RUN), "{\"format\":");
        Files.writeString(run(root, "torn", 4).dir().resolve(RunFolder.METRICS + ".torn"), "{\"type\":\"ba\n");
        RunFolder live = RunFolder.create(root, "live", Files.readAllBytes(Path.of("samples/iris-mlp.json")),
                TrainingSettings.DEFAULTS, Map.of(), LocalDateTime.of(2026, 12, 1, 9, 5));
        Map<Path, String> before;
        try (RunFolder.EventLog log = live.openLog()) {
            log.append(new TrainingEvent.Started("live", 1, 2, 4, 120, 30, "accuracy", "cpu", "oneDNN SSE41"));
            before = FolderSnapshot.of(root);
            assertThat(cli.run("runs", root.toString())).isEqualTo(1);
        }
        assertThat(FolderSnapshot.of(root)).as("runs writes nothing").isEqualTo(before);
        assertThat(cli.out.toString().lines()).hasSize(7).satisfies(lines -> {
            assertThat(lines.get(1)).endsWith("finished (completed)");
            assertThat(lines.get(2)).endsWith("finished (completed): model.params is empty: the weights were never"
                    + " written.");
            assertThat(lines.get(3)).endsWith("finished (completed): design.json was changed after the run trained"
                    + " it: it no longer matches the digest in run.json. The run's weights belong to the design as"
                    + " trained: put that design.json back, or train the changed design as a new run.");
            assertThat(lines.get(4)).contains("finished (completed): run.json is not valid JSON");
            assertThat(lines.get(5)).endsWith("finished (completed): metrics.jsonl had a line cut off by a killed"
                    + " process; it is set aside in metrics.jsonl.torn and left out of the charts.");
            assertThat(lines.get(6)).contains("running or crashed: no weights to export").endsWith("it is being"
                    + " trained right now, by this program (it holds metrics.jsonl); wait for that run to end, or"
                    + " stop it.");
        });
    }

    @Test
    void aRunsPathThatIsAFileSaysSo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("runs"), "notes");
        assertThat(cli.run("runs", file.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("runs: " + file + " is a file, not a folder of runs. Give the folder"
                + " runs go to.\n");
    }
}
