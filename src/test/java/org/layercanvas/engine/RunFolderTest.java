package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    /** One event of every type, with the values that are easy to get wrong: NaN, infinity, quotes, newlines. */
    private static final List<TrainingEvent> EVERY_TYPE = List.of(
            new TrainingEvent.Started("iris \"mlp\" ü", 1, 20, 4, 120, 30, "accuracy", null, null),
            new TrainingEvent.BatchEnded(1, 1, 1, 1.0986122886681098, 0.001, 1234.5, 17),
            new TrainingEvent.BatchEnded(1, 2, 2, Double.NaN, 1e-7, Double.POSITIVE_INFINITY, 3_000_000_000L),
            new TrainingEvent.EpochEnded(1, 0.9, 0.6666666666666666, 0.85, 0.7, 250, 0),
            new TrainingEvent.EpochEnded(2, 0.5, Double.NaN, 0.4, 1.0E-5, 500, 0),
            new TrainingEvent.Paused(2, 9),
            new TrainingEvent.Resumed(2, 9),
            new TrainingEvent.CheckpointSaved(2, "checkpoints/epoch-0002.params"),
            new TrainingEvent.Stopped(3, 10, "checkpoints/stopped.params"),
            new TrainingEvent.Stopped(3, 10, ""),
            new TrainingEvent.Finished(20, 17, 0.9666666666666667, "early stopping", 12345),
            new TrainingEvent.Failed("The loss became NaN\nat epoch 1", "Lower the learning rate"));

    /** The same events as the version before typed serialization wrote them, byte for byte. */
    private static byte[] writtenBefore() throws IOException {
        try (InputStream in = RunFolderTest.class.getResourceAsStream("metrics-before-typed-events.jsonl")) {
            return in.readAllBytes();
        }
    }

    private static RunFolder folder(Path dir) throws IOException {
        return RunFolder.create(dir, "d", "{}".getBytes(StandardCharsets.UTF_8), TrainingSettings.DEFAULTS, Map.of(),
                LocalDateTime.of(2026, 12, 1, 9, 0));
    }

    @Test
    void eventsAreWrittenByteForByteAsBefore(@TempDir Path dir) throws IOException {
        RunFolder folder = folder(dir);
        try (RunFolder.EventLog log = folder.openLog()) {
            for (TrainingEvent e : EVERY_TYPE) {
                log.append(e);
            }
        }
        assertThat(Files.readAllBytes(folder.dir().resolve(RunFolder.METRICS))).isEqualTo(writtenBefore());
        assertThat(RunFolder.toJson(new TrainingEvent.Paused(2, 9))).isEqualTo("{\"type\":\"paused\",\"epoch\":2,\"step\":9}");
        // the best epoch so far, recorded since: written when known, read back as 0 from older logs
        assertThat(RunFolder.toJson(new TrainingEvent.EpochEnded(3, 0.5, 0.9, 0.4, 0.8, 700, 2)))
                .endsWith(",\"elapsedMillis\":700,\"bestEpoch\":2}");
        // where a run trained, recorded since: read back as null from older logs
        assertThat(RunFolder.toJson(new TrainingEvent.Started("d", 1, 2, 3, 4, 5, "accuracy", "cpu", "oneDNN AVX2")))
                .endsWith(",\"metric\":\"accuracy\",\"device\":\"cpu\",\"kernels\":\"oneDNN AVX2\"}");
    }

    @Test
    void aRunWrittenBeforeReadsAsTypedEvents(@TempDir Path dir) throws IOException {
        RunFolder folder = folder(dir);
        Files.write(folder.dir().resolve(RunFolder.METRICS), writtenBefore());
        assertThat(folder.trainingEvents()).isEqualTo(EVERY_TYPE);
    }

    @Test
    void unknownTypesAndFieldsOfALaterVersionAreSkippedAndATornLastLineIsLeftOut(@TempDir Path dir)
            throws IOException {
        RunFolder folder = folder(dir);
        Files.writeString(folder.dir().resolve(RunFolder.METRICS), """
                {"type":"paused","epoch":2,"step":9,"reason":"person"}
                {"type":"gradientNorms","epoch":2,"norm":0.5}

                {"type":"resumed","epoch":2,"step":9}
                {"type":"epoch","epoch":2,"trai""");
        assertThat(folder.trainingEvents()).containsExactly(new TrainingEvent.Paused(2, 9),
                new TrainingEvent.Resumed(2, 9));
    }

    @Test
    void aWholeLineThatIsNotAnEventNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        RunFolder folder = folder(dir);
        Files.writeString(folder.dir().resolve(RunFolder.METRICS), """
                {"type":"paused","epoch":2,"step":9}
                {"type":"epoch","epoch":"second"}
                """);
        assertThatThrownBy(folder::trainingEvents).isInstanceOf(IOException.class)
                .hasMessageStartingWith(folder.dir().resolve(RunFolder.METRICS) + ":2: not a training event:");
    }

    @Test
    void aRunResumesFromTheStopCheckpointOnlyWhenTheStopCameAfterTheLastEpochCheckpoint(@TempDir Path dir)
            throws IOException {
        RunFolder folder = folder(dir);
        Files.writeString(folder.checkpoint(2), "weights");
        Files.writeString(folder.stopCheckpoint(), "weights");
        try (RunFolder.EventLog log = folder.openLog()) {
            log.append(new TrainingEvent.CheckpointSaved(2, "checkpoints/epoch-0002.params"));
            log.append(new TrainingEvent.Stopped(3, 10, "checkpoints/stopped.params"));
        }
        assertThat(folder.resumption()).contains(new RunFolder.Resumption(3, folder.stopCheckpoint()));

        try (RunFolder.EventLog log = folder.openLog()) {
            log.append(new TrainingEvent.CheckpointSaved(3, "checkpoints/epoch-0003.params"));
        }
        Files.writeString(folder.checkpoint(3), "weights");
        assertThat(folder.resumption()).contains(new RunFolder.Resumption(4, folder.checkpoint(3)));
    }

    @Test
    void runsCreatedAtOnceInTheSameSecondGetFoldersOfTheirOwn(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RunFolder>> created = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                created.add(pool.submit(() -> folder(dir)));
            }
            Set<Path> dirs = new HashSet<>();
            for (Future<RunFolder> f : created) {
                dirs.add(f.get().dir());
            }
            assertThat(dirs).hasSize(8).contains(dir.resolve("20261201-090000-d"), dir.resolve("20261201-090000-d-8"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCheckpointThatIsALinkIsRefusedByPathAndWhatItPointsAtIsUntouched(@TempDir Path dir) throws IOException {
        RunFolder folder = folder(dir.resolve("runs"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "thesis");
        Files.createSymbolicLink(folder.checkpoint(3), victim);
        assertThatThrownBy(() -> RunFileWriter.write(folder.dir(), folder.checkpoint(3), new byte[] {1, 2, 3}))
                .isInstanceOf(RunFolderException.class)
                .hasMessage("Refused to write " + folder.checkpoint(3) + ": it is a symbolic link.")
                .extracting(e -> ((RunFolderException) e).hint())
                .isEqualTo("A run folder holds only plain files; remove the link and try again.");
        assertThat(victim).hasContent("thesis");
    }

    @Test
    void aLinkPlantedWhereAnEarlierVersionWroteItsTemporaryFileIsNeverWrittenThrough(@TempDir Path dir)
            throws IOException {
        RunFolder folder = folder(dir.resolve("runs"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "thesis");
        Path planted = folder.checkpoint(3).resolveSibling("epoch-0003.params.tmp");
        Files.createSymbolicLink(planted, victim);
        RunFileWriter.write(folder.dir(), folder.checkpoint(3), new byte[] {1, 2, 3});
        assertThat(victim).hasContent("thesis");
        assertThat(folder.checkpoint(3)).hasBinaryContent(new byte[] {1, 2, 3});
        try (var files = Files.list(folder.checkpoint(3).getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("epoch-0003.params", "epoch-0003.params.tmp");
        }
    }

    @Test
    void aLinkedCheckpointsFolderIsRefusedNamingTheFolder(@TempDir Path dir) throws IOException {
        RunFolder folder = folder(dir.resolve("runs"));
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path checkpoints = folder.dir().resolve(RunFolder.CHECKPOINTS);
        Files.delete(checkpoints);
        Files.createSymbolicLink(checkpoints, elsewhere);
        assertThatThrownBy(() -> RunFileWriter.write(folder.dir(), folder.checkpoint(1), new byte[] {1}))
                .isInstanceOf(RunFolderException.class)
                .hasMessage("Refused to write " + folder.checkpoint(1) + ": " + checkpoints + " is a symbolic link.");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aLogThatIsALinkIsNeverAppendedTo(@TempDir Path dir) throws IOException {
        RunFolder folder = folder(dir.resolve("runs"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "thesis\n");
        Path log = folder.dir().resolve(RunFolder.METRICS);
        Files.createSymbolicLink(log, victim);
        assertThatThrownBy(folder::openLog).isInstanceOf(RunFolderException.class)
                .hasMessage("Refused to write " + log + ": it is a symbolic link.");
        assertThat(victim).hasContent("thesis\n");
    }

    @Test
    void aTornLastLineIsKeptAsideSoTheNextEventStartsALineOfItsOwn(@TempDir Path dir) throws IOException {
        RunFolder folder = folder(dir);
        Path log = folder.dir().resolve(RunFolder.METRICS);
        Files.writeString(log, "{\"type\":\"paused\",\"epoch\":2,\"step\":9}\n{\"type\":\"batch\",\"epoch\":3,\"st");
        try (RunFolder.EventLog events = folder.openLog()) {
            events.append(new TrainingEvent.Resumed(2, 9));
        }
        assertThat(Files.readAllLines(log)).containsExactly("{\"type\":\"paused\",\"epoch\":2,\"step\":9}",
                "{\"type\":\"resumed\",\"epoch\":2,\"step\":9}");
        assertThat(log.resolveSibling(RunFolder.METRICS + ".torn")).hasContent("{\"type\":\"batch\",\"epoch\":3,\"st");
        assertThat(folder.trainingEvents()).containsExactly(new TrainingEvent.Paused(2, 9),
                new TrainingEvent.Resumed(2, 9));
    }

    @Test
    void aLogOfRandomBytesNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        RunFolder folder = folder(dir);
        Path log = folder.dir().resolve(RunFolder.METRICS);
        byte[] noise = new byte[5000];
        new java.util.Random(7).nextBytes(noise);
        noise[10] = '\n';
        noise[0] = (byte) 0xFF;
        Files.write(log, noise);
        assertThatThrownBy(folder::trainingEvents).isInstanceOf(RunFolderException.class)
                .hasMessage(log + " line 1 is not UTF-8 text: the log is damaged.");
    }

    @Test
    void runsCannotGoIntoAFileAndSayWhy(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("runs"), "notes");
        assertThatThrownBy(() -> folder(file)).isInstanceOf(RunFolderException.class)
                .hasMessage("Cannot keep runs in " + file + ": it is a file, not a folder.");
        assertThatThrownBy(() -> RunFolder.list(file)).isInstanceOf(RunFolderException.class)
                .hasMessage(file + " is a file, not a folder of runs.");
        assertThat(file).hasContent("notes");
    }

    @Test
    void aVeryLongDesignNameGivesShortFoldersThatStayUnique(@TempDir Path dir) throws IOException {
        String name = "net".repeat(100);
        RunFolder first = RunFolder.create(dir, name, "{}".getBytes(StandardCharsets.UTF_8), TrainingSettings.DEFAULTS,
                Map.of(), LocalDateTime.of(2026, 12, 1, 9, 0));
        RunFolder second = RunFolder.create(dir, name, "{}".getBytes(StandardCharsets.UTF_8), TrainingSettings.DEFAULTS,
                Map.of(), LocalDateTime.of(2026, 12, 1, 9, 0));
        assertThat(first.dir().getFileName().toString()).isEqualTo("20261201-090000-" + name.substring(0, 64));
        assertThat(second.dir().getFileName().toString()).isEqualTo("20261201-090000-" + name.substring(0, 64) + "-2");
        assertThat(RunFolder.create(dir, "..", "{}".getBytes(StandardCharsets.UTF_8), TrainingSettings.DEFAULTS,
                Map.of(), LocalDateTime.of(2026, 12, 1, 9, 0)).dir().getParent()).isEqualTo(dir);
    }

    @Test
    void aDesignSnapshotChangedAfterTrainingIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        byte[] design = new org.layercanvas.io.DesignCodec().toBytes(new org.layercanvas.graph.Design("d",
                org.layercanvas.graph.TestGraphs.chain(List.of(2), 2, new org.layercanvas.graph.Dense(4, true),
                        new org.layercanvas.graph.ReLU()), Map.of(), Map.of()));
        RunFolder folder = RunFolder.create(dir, "d", design, TrainingSettings.DEFAULTS, Map.of(),
                LocalDateTime.of(2026, 12, 1, 9, 0));
        assertThat(folder.design().name()).isEqualTo("d");
        Path snapshot = folder.dir().resolve(RunFolder.DESIGN);
        Files.writeString(snapshot, Files.readString(snapshot).replace("ReLU", "Sigmoid"));
        assertThatThrownBy(folder::design).isInstanceOf(RunFolderException.class)
                .hasMessage(snapshot + " was changed after the run trained it: it no longer matches the digest in"
                        + " run.json.")
                .extracting(e -> ((RunFolderException) e).hint())
                .isEqualTo("The run's weights belong to the design as trained: put that design.json back, or train"
                        + " the changed design as a new run.");
    }

    @Test
    void aRunBeingTrainedCannotBeAppendedToByASecondRun(@TempDir Path dir) throws Exception {
        RunFolder folder = folder(dir);
        String refused = folder.dir() + " is being trained right now: another run holds its metrics.jsonl.";
        try (RunFolder.EventLog first = folder.openLog()) {
            first.append(new TrainingEvent.Paused(1, 1));
            assertThatThrownBy(folder::openLog).isInstanceOf(RunFolderException.class).hasMessage(refused);
        }
        try (RunFolder.EventLog again = folder.openLog()) {
            again.append(new TrainingEvent.Resumed(1, 1));
        }
        assertThat(folder.trainingEvents()).containsExactly(new TrainingEvent.Paused(1, 1),
                new TrainingEvent.Resumed(1, 1));

        // another process: the launcher a kill -9 left its training JVM running, say
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python));
        Path lock = folder.dir().resolve(RunFolder.METRICS + ".lock");
        Process holder = new ProcessBuilder(python.toString(), "-c", "import fcntl,sys,time\n"
                + "f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
                lock.toString()).redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine())
                    .isEqualTo("locked");
            assertThatThrownBy(folder::openLog).isInstanceOf(RunFolderException.class).hasMessage(refused);
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        try (RunFolder.EventLog after = folder.openLog()) {
            after.append(new TrainingEvent.Paused(2, 2));
        }
    }

    @Test
    void readingTheLogWhileThisProgramWritesItKeepsOtherProcessesOut(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python));
        RunFolder folder = folder(dir);
        Path lock = folder.dir().resolve(RunFolder.METRICS + ".lock");
        try (RunFolder.EventLog log = folder.openLog()) {
            log.append(new TrainingEvent.Paused(1, 1));
            // what the Runs tab does while a run trains: read the log, ask who writes it
            assertThat(folder.trainingEvents()).hasSize(1);
            assertThat(RunFileWriter.writerOf(folder.dir().resolve(RunFolder.METRICS)))
                    .isEqualTo(RunFileWriter.Writer.THIS_PROGRAM);
            Files.readAllBytes(folder.dir().resolve(RunFolder.METRICS));
            Process other = new ProcessBuilder(python.toString(), "-c", "import fcntl,sys\n"
                    + "f=open(sys.argv[1],'a')\ntry:\n    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print('got it')\n"
                    + "except OSError:\n    print('refused')", lock.toString()).redirectErrorStream(true).start();
            assertThat(other.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(new String(other.getInputStream().readAllBytes()).strip()).isEqualTo("refused");
        }
        assertThat(RunFileWriter.writerOf(folder.dir().resolve(RunFolder.METRICS))).isEqualTo(RunFileWriter.Writer.NONE);
    }
}
