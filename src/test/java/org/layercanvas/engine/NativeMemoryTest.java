package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.data.Normalization;
import org.layercanvas.data.TargetKind;
import org.layercanvas.engine.TrainingEvent.EpochEnded;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

/**
 * Trains 30 epochs and checks that memory outside the Java heap (where DJL's arrays live) after
 * epoch 30 is within 10% of what it was after epoch 3: every batch and temporary array is closed.
 */
@Tag("engine")
class NativeMemoryTest {

    @Test
    void nativeMemoryDoesNotGrowAcrossEpochs() throws Exception {
        int n = 3000;
        Random r = new Random(5);
        float[] x = new float[n * 784];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
        }
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        Examples all = new Examples(new int[] {784}, x, TargetKind.CLASSES, 1, y, classes);
        DataSplits data = new DataSplits(all, all.subset(new int[] {0, 1, 2, 3}), null, Normalization.NONE, "noise");
        Graph mlp = TestGraphs.chain(List.of(784), 10, new Dense(256, true), new ReLU(), new Dense(10, true));
        TrainingSettings s = TrainingSettings.DEFAULTS.with(java.util.Map.of("epochs", 30, "batchSize", 64));
        List<Long> outsideHeap = new ArrayList<>();
        TrainingRun run = new TrainingService(new LayerBlockFactory()).start(
                TrainingJob.fresh("memory", mlp, data, s, null), e -> {
                    if (e instanceof EpochEnded) {
                        outsideHeap.add(residentBytes() - Runtime.getRuntime().totalMemory());
                    }
                });
        assertThat(run.await(300, TimeUnit.SECONDS)).isInstanceOf(TrainingEvent.Finished.class);
        long afterEpoch3 = outsideHeap.get(2);
        long afterEpoch30 = outsideHeap.get(29);
        assertThat((double) afterEpoch30).as("resident memory outside the heap, epoch 3: %,d, epoch 30: %,d",
                afterEpoch3, afterEpoch30).isLessThanOrEqualTo(afterEpoch3 * 1.10);
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
