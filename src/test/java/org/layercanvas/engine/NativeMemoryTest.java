package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.data.Normalization;
import org.layercanvas.engine.TrainingEvent.EpochEnded;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

/**
 * Trains 30 epochs and checks that resident memory after epoch 30 is within 10% of what it was
 * after epoch 3: every batch and temporary array is closed. Runs in a JVM whose heap is fixed and
 * touched up front, so any growth is native memory (where DJL's arrays live), not the heap.
 */
@Tag("engine")
class NativeMemoryTest {

    /** Trains and prints {@code epoch N rss BYTES} after every epoch. */
    public static void main(String[] args) throws Exception {
        Examples all = TestData.noise(3000, new int[] {784}, 5);
        DataSplits data = new DataSplits(all, all.subset(new int[] {0, 1, 2, 3}), null, Normalization.NONE, "noise");
        Graph mlp = TestGraphs.chain(List.of(784), 10, new Dense(256, true), new ReLU(), new Dense(10, true));
        TrainingSettings s = TrainingSettings.DEFAULTS.with(Map.of("epochs", 30, "batchSize", 64));
        TrainingRun run = new TrainingService(new LayerBlockFactory()).start(
                TrainingJob.fresh("memory", mlp, data, s, null), e -> {
                    if (e instanceof EpochEnded epoch) {
                        System.out.println("epoch " + epoch.epoch() + " rss " + residentBytes());
                    }
                });
        TrainingEvent last = run.await(240, TimeUnit.SECONDS);
        System.out.println("end " + (last == null ? "timed out" : last.getClass().getSimpleName()));
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void residentMemoryDoesNotGrowAcrossEpochs() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms384m", "-Xmx384m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), NativeMemoryTest.class.getName())
                .redirectErrorStream(true).start();
        // reading its output ends when it exits; one that hangs is killed, which ends the reading too
        CompletableFuture.delayedExecutor(300, TimeUnit.SECONDS).execute(p::destroyForcibly);
        List<Long> rss = new ArrayList<>();
        String end = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("epoch ")) {
                    rss.add(Long.parseLong(line.substring(line.indexOf("rss ") + 4)));
                } else if (line.startsWith("end ")) {
                    end = line;
                }
            }
        }
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(end).isEqualTo("end Finished");
        assertThat(rss).hasSize(30);
        assertThat((double) rss.get(29)).as("resident bytes after epoch 3: %,d; after epoch 30: %,d", rss.get(2),
                rss.get(29)).isLessThanOrEqualTo(rss.get(2) * 1.10);
    }

    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
