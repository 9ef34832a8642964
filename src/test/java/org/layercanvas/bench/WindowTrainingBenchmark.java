package org.layercanvas.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.layercanvas.Main;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingRun;
import org.layercanvas.ui.app.UiBenchmarkProbe;

/**
 * Training throughput with the window open and its charts drawing, against the headless
 * {@code train} command on the same design and data, in one JVM, in alternating rounds. Throughput
 * is training samples per second over the whole run (every epoch's validation included, on both
 * sides), from each run's own log. The headless side is {@code train} in its own JVM, as from a shell.
 *
 * <p>Run under a display (or Xvfb), in a fresh JVM:
 * {@code xvfb-run -a mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.mainClass=org.layercanvas.bench.WindowTrainingBenchmark -Dargs="samples/spirals-mlp.json 20"}
 */
public final class WindowTrainingBenchmark {
    private static final int ROUNDS = 6;

    private WindowTrainingBenchmark() {
    }

    /** Arguments: a design file (default the spirals sample) and epochs per run (default 20). */
    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "samples/spirals-mlp.json");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Files.createTempDirectory("bench-window");
        // the same design with its epochs set, beside its data so relative paths still resolve
        Path design = source.toAbsolutePath().resolveSibling(".bench-" + source.getFileName());
        Files.writeString(design, Files.readString(source).replaceAll("\"epochs\"\\s*:\\s*\\d+", "\"epochs\": " + epochs));
        Path headlessRuns = work.resolve("headless");
        try {
            Platform.startup(() -> { });
            UiBenchmarkProbe probe = Fx.onFx(() -> UiBenchmarkProbe.open(new Stage()));
            Path windowRuns = probe.runs();
            System.out.printf(Locale.ROOT, "### %s, %d epochs a run%n%n", source, epochs);
            System.out.println("| round | window samples/s | headless samples/s | ratio |");
            System.out.println("| ---: | ---: | ---: | ---: |");
            window(probe, design, windowRuns);
            headless(design, headlessRuns);
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                double inWindow;
                double alone;
                if (round % 2 == 1) {
                    inWindow = window(probe, design, windowRuns);
                    alone = headless(design, headlessRuns);
                } else {
                    alone = headless(design, headlessRuns);
                    inWindow = window(probe, design, windowRuns);
                }
                ratios.add(inWindow / alone);
                System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.3f |%n", round, inWindow, alone,
                        inWindow / alone);
            }
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
            System.out.printf(Locale.ROOT, "%nMedian ratio (window / headless): **%.3f** (target >= 0.95)%n", median);
        } finally {
            Files.deleteIfExists(design);
            Platform.exit();
        }
    }

    private static double window(UiBenchmarkProbe probe, Path design, Path runs) throws Exception {
        TrainingRun before = Fx.onFx(probe::run);
        Fx.onFx(() -> {
            probe.train(design);
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        TrainingRun run;
        do {
            Thread.sleep(50);
            run = Fx.onFx(probe::run);
        } while (run == before && System.nanoTime() < deadline);
        if (run == before) {
            throw new IllegalStateException("Train did not start a run");
        }
        run.await(10, TimeUnit.MINUTES);
        // the window takes the run's end from its queue; Train is pressable again after that
        while (!Fx.onFx(probe::idle) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return throughput(newest(runs));
    }

    /** Runs {@code train} as a person would from a shell: its own JVM, no window. */
    private static double headless(Path design, Path runs) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                design.toString(), "--runs", runs.toString(), "--json").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("train failed with exit code " + p.exitValue());
        }
        return throughput(newest(runs));
    }

    private static RunFolder newest(Path runs) throws Exception {
        List<RunFolder> all = RunFolder.list(runs);
        return all.get(all.size() - 1);
    }

    /** Training samples per second over the whole run, from its log. */
    private static double throughput(RunFolder folder) throws Exception {
        TrainingEvent.Started started = null;
        TrainingEvent.Finished finished = null;
        for (TrainingEvent e : folder.trainingEvents()) {
            if (e instanceof TrainingEvent.Started s) {
                started = s;
            } else if (e instanceof TrainingEvent.Finished f) {
                finished = f;
            }
        }
        if (started == null || finished == null) {
            throw new IllegalStateException(folder.dir() + " did not finish");
        }
        return (double) started.trainSize() * finished.epochs() / (finished.elapsedMillis() / 1000.0);
    }
}
