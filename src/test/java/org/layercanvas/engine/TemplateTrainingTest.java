package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.data.Normalization;
import org.layercanvas.data.TargetKind;
import org.layercanvas.graph.Design;
import org.layercanvas.io.Templates;

/** The large templates compile with the real engine and learn: ResNet-18 takes steps with a falling loss. */
@Tag("engine")
class TemplateTrainingTest {

    /**
     * Three classes of 3×32×32 images a convolution sees at once: class {@code c} is a bright band in
     * colour channel {@code c} at a height that depends on the sample, on noise.
     */
    private static Examples bands(int n, long seed) {
        Random r = new Random(seed);
        int per = 3 * 32 * 32;
        float[] x = new float[n * per];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            for (int k = 0; k < per; k++) {
                x[i * per + k] = (float) r.nextGaussian() * 0.3f;
            }
            int channel = c;
            int top = 3 * (i % 10);
            for (int row = top; row < top + 3; row++) {
                for (int col = 0; col < 32; col++) {
                    x[i * per + channel * 1024 + row * 32 + col] += 2f;
                }
            }
        }
        return new Examples(new int[] {3, 32, 32}, x, TargetKind.CLASSES, 1, y,
                List.of("red", "green", "blue"));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void resNet18CompilesAndItsLossFallsOverItsFirstSteps() throws Exception {
        Design d = Templates.read(Templates.find("resnet18.json").orElseThrow(), Path.of("samples"));
        DataSplits splits = new DataSplits(bands(96, 1), bands(32, 2), null, Normalization.NONE, "bands");
        TrainingSettings s = TrainingSettings.fromMap(d.training()).with(Map.of("epochs", 3, "batchSize", 16,
                "optimizer", "adam", "learningRate", 0.001));
        long start = System.nanoTime();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun run = new TrainingService(new LayerBlockFactory()).start(
                TrainingJob.fresh("resnet18", d.graph(), splits, s, null), events::add);
        TrainingEvent end = run.await(200, TimeUnit.SECONDS);
        List<Double> losses = events.stream().filter(e -> e instanceof TrainingEvent.BatchEnded)
                .map(e -> ((TrainingEvent.BatchEnded) e).loss()).toList();
        List<TrainingEvent.EpochEnded> epochs = events.stream().filter(e -> e instanceof TrainingEvent.EpochEnded)
                .map(e -> (TrainingEvent.EpochEnded) e).toList();
        System.out.printf("resnet18: %d steps of 16 images in %.1f s; batch losses %s; validation accuracy %s%n",
                losses.size(), (System.nanoTime() - start) / 1e9, losses,
                epochs.stream().map(TrainingEvent.EpochEnded::validationMetric).toList());
        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(losses).hasSize(18);
        double first = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(15, 18).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(last).isLessThan(first * 0.7);
    }
}
