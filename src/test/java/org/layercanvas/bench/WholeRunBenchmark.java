package org.layercanvas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.layercanvas.data.IdxCodec;
import org.layercanvas.engine.NativeKernels;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/**
 * {@code layercanvas train} timed as whole processes against the same work done otherwise, in
 * alternating rounds (A B, B A, …), each pair's ratio printed as it comes, then the median:
 * <ul>
 * <li>the MLP 784-256-128-10 on 20,000 samples and LeNet-5 on the MNIST subset, against
 *     {@link HandWrittenLoop} (the plainest DJL loop) in a process of its own with the same JVM
 *     options, native settings and data reader;
 * <li>the residual CNN under the kernels this machine's kernel check chose, against the same run
 *     capped at SSE4.1 (the setting before the check).
 * </ul>
 * A ratio above 1 means LayerCanvas (or the chosen kernels) took less time.
 *
 * <p>Run: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.mainClass=org.layercanvas.bench.WholeRunBenchmark -Dargs="ROUNDS [WORKLOADS]"} (default 5 rounds
 * of {@code mlp,lenet,cnn}; name some of them, comma-separated, to run only those).
 */
public final class WholeRunBenchmark {
    private static final String CLASS_PATH = System.getProperty("java.class.path");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private WholeRunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> workloads = List.of((args.length > 1 ? args[1] : "mlp,lenet,cnn").split(","));
        Path work = Files.createTempDirectory("bench-whole-runs");
        String chosen = NativeKernels.forThisMachine(
                Path.of(System.getProperty("user.home"), ".layercanvas"), List.of(JAVA, "-cp", CLASS_PATH))
                .isa(System.err);
        System.out.printf(Locale.ROOT, "oneDNN kernels chosen on this machine: %s; %d rounds%n", chosen, rounds);

        if (workloads.contains("mlp")) {
            Path mlp = design(work, "samples/mnist-mlp.json", noiseData(work, 21_000), 1_000.0 / 21_000, 128, 5, 0.001);
            compare("MLP 784-256-128-10, 20,000 samples, batch 128, Adam 1e-3, 5 epochs", rounds,
                    train(mlp, work, chosen), hand("mlp", mlp, chosen));
        }
        if (workloads.contains("lenet")) {
            Path lenet = design(work, "samples/lenet5.json", mnist(), 0.1, 128, 5, 0.002);
            compare("LeNet-5, MNIST subset (7,200 samples), batch 128, Adam 2e-3, 5 epochs", rounds,
                    train(lenet, work, chosen), hand("lenet", lenet, chosen));
        }
        if (workloads.contains("cnn")) {
            Path cnn = design(work, "samples/residual-cnn.json", mnist(), 0.1, 64, 2, 0.001);
            compare("Residual CNN, MNIST subset, batch 64, 2 epochs: chosen kernels (" + chosen + ") against SSE41",
                    rounds, train(cnn, work, chosen), train(cnn, work, "SSE41"));
        }
    }

    /** A command timed as a whole process; returns its training seconds as it reports them. */
    private interface Side {
        Timing run() throws Exception;
    }

    private record Timing(double wallSeconds, double trainingSeconds) {
    }

    private static void compare(String title, int rounds, Side ours, Side other) throws Exception {
        System.out.printf(Locale.ROOT, "%n### %s%n%n", title);
        System.out.println("| round | LayerCanvas s (training s) | other s (training s) | ratio whole run | ratio training |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: |");
        // one round of each first, unrecorded: the page cache and the JIT's code cache warm up
        ours.run();
        other.run();
        List<Double> whole = new ArrayList<>();
        List<Double> training = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Timing a;
            Timing b;
            if (round % 2 == 1) {
                a = ours.run();
                b = other.run();
            } else {
                b = other.run();
                a = ours.run();
            }
            whole.add(b.wallSeconds / a.wallSeconds);
            training.add(b.trainingSeconds / a.trainingSeconds);
            System.out.printf(Locale.ROOT, "| %d | %.2f (%.2f) | %.2f (%.2f) | %.3f | %.3f |%n", round, a.wallSeconds,
                    a.trainingSeconds, b.wallSeconds, b.trainingSeconds, b.wallSeconds / a.wallSeconds,
                    b.trainingSeconds / a.trainingSeconds);
        }
        System.out.printf(Locale.ROOT, "%nMedian ratio: whole run **%.3f**, training **%.3f** (above 1: LayerCanvas"
                + " faster)%n", median(whole), median(training));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    /** {@code layercanvas train DESIGN} in a JVM of its own; its training time is the run's own. */
    private static Side train(Path design, Path work, String isa) {
        return () -> {
            Path runs = Files.createTempDirectory(work, "runs");
            double wall = time(isa, List.of("org.layercanvas.Main", "train", design.toString(), "--runs",
                    runs.toString()));
            RunFolder run = RunFolder.list(runs).get(0);
            List<TrainingEvent> events = run.trainingEvents();
            if (!(events.get(events.size() - 1) instanceof TrainingEvent.Finished finished)) {
                throw new IllegalStateException("the run in " + run.dir() + " did not finish");
            }
            return new Timing(wall, finished.elapsedMillis() / 1000.0);
        };
    }

    /** {@link HandWrittenLoop} in a JVM of its own, with the same options and native settings. */
    private static Side hand(String network, Path design, String isa) {
        return () -> {
            Path out = Files.createTempFile("hand", ".txt");
            double wall = time(isa, List.of(HandWrittenLoop.class.getName(), network, design.toString()), out);
            String line = Files.readString(out).strip();
            double training = Double.parseDouble(line.replaceAll(".* in ([0-9.]+) s$", "$1"));
            return new Timing(wall, training);
        };
    }

    private static double time(String isa, List<String> mainAndArgs) throws IOException, InterruptedException {
        return time(isa, mainAndArgs, Path.of("/dev/null"));
    }

    private static double time(String isa, List<String> mainAndArgs, Path out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Dai.djl.offline=true", "-cp", CLASS_PATH));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ONEDNN_MAX_CPU_ISA", isa);
        builder.environment().putAll(org.layercanvas.Main.FIXED_ENVIRONMENT);
        long t0 = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A copy of a sample design with this data and these settings, no test set and no checkpoints. */
    private static Path design(Path work, String sample, Map<String, Object> data, double validation, int batch,
            int epochs, double rate) throws IOException {
        Design d = new DesignCodec().read(Path.of(sample));
        Map<String, Object> dataset = new LinkedHashMap<>(data);
        dataset.put("validation", validation);
        Map<String, Object> training = new LinkedHashMap<>(Map.of("optimizer", "adam", "learningRate", rate,
                "batchSize", batch, "epochs", epochs, "checkpointEvery", 0, "seed", 42L));
        Path file = work.resolve(Path.of(sample).getFileName());
        new DesignCodec().write(new Design(d.name(), d.graph(), dataset, training), file);
        return file;
    }

    private static Map<String, Object> mnist() {
        Path dir = Path.of("samples/data/mnist").toAbsolutePath();
        return Map.of("kind", "idx", "images", dir.resolve("train-images-idx3-ubyte.gz").toString(),
                "labels", dir.resolve("train-labels-idx1-ubyte.gz").toString());
    }

    /** {@code n} images of uniform noise with random labels 0-9, as IDX files. */
    private static Map<String, Object> noiseData(Path work, int n) throws IOException {
        Random random = new Random(1);
        byte[] pixels = new byte[n * 28 * 28];
        random.nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        Path images = work.resolve("noise-images-idx3-ubyte");
        Path labelFile = work.resolve("noise-labels-idx1-ubyte");
        IdxCodec.writeImages(images, new IdxCodec.Images(n, 28, 28, pixels), false);
        IdxCodec.writeLabels(labelFile, labels, false);
        return Map.of("kind", "idx", "images", images.toString(), "labels", labelFile.toString());
    }
}
