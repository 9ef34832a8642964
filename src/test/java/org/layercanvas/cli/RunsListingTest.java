package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingSettings;

/** One damaged run never hides the others: {@code runs} lists every readable run and marks the bad one. */
class RunsListingTest {
    private final CliRunner cli = new CliRunner();

    private static RunFolder run(Path root, String name, int minute) throws Exception {
        RunFolder folder = RunFolder.create(root, name, "{}".getBytes(StandardCharsets.UTF_8), TrainingSettings.DEFAULTS,
                Map.of(), LocalDateTime.of(2026, 12, 1, 9, minute));
        try (RunFolder.EventLog log = folder.openLog()) {
            log.append(new TrainingEvent.Started(name, 1, 2, 4, 120, 30, "accuracy", "cpu", "oneDNN SSE41"));
            log.append(new TrainingEvent.EpochEnded(1, 0.9, 0.6, 0.85, 0.75, 250, 1));
            log.append(new TrainingEvent.EpochEnded(2, 0.5, 0.8, 0.4, 0.9, 500, 2));
            log.append(new TrainingEvent.Finished(2, 2, 0.9, "completed", 600));
        }
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
                    + bad.dir().resolve(RunFolder.METRICS) + " line 1 is not UTF-8 text: the log is damaged.");
            assertThat(lines.get(3)).startsWith("20261201-090200-last").endsWith("finished (completed)");
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
