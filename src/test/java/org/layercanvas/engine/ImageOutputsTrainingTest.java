package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.data.ShapesSource;
import org.layercanvas.engine.TrainingEvent.EpochEnded;
import org.layercanvas.engine.TrainingEvent.Finished;
import org.layercanvas.engine.TrainingEvent.Started;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

/**
 * Outputs shaped like images train end to end on the generated shapes: a small convolutional
 * encoder-decoder (stride 1, same padding, so the shape stays (C,H,W)) segments them per pixel, and
 * reconstructs them.
 */
@Tag("engine")
class ImageOutputsTrainingTest {
    private static final int SIDE = 16;
    private final TrainingService service = new TrainingService(new LayerBlockFactory());

    private static Conv2d conv(int filters, int kernel, int dilation) {
        return new Conv2d(filters, List.of(kernel, kernel), List.of(1, 1), "same", List.of(dilation, dilation), 1,
                true);
    }

    /** Input (3,16,16) → conv layers → Output with the given loss and channels. */
    private static Graph encoderDecoder(Output output, LayerSpec... layers) {
        TestGraphs g = new TestGraphs().add("input", new Input(List.of(3, SIDE, SIDE)));
        String previous = "input";
        for (int i = 0; i < layers.length; i++) {
            String name = "l" + (i + 1);
            g.add(name, layers[i]).link(previous, name);
            previous = name;
        }
        return g.add("output", output).link(previous, "output").build();
    }

    private List<TrainingEvent> train(Graph graph, DataSplits data, TrainingSettings s, RunFolder folder)
            throws Exception {
        assertThat(Analysis.of(graph).hasErrors()).isFalse();
        assertThat(DataCheck.problems(graph, Analysis.of(graph), data)).isEmpty();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun run = service.start(TrainingJob.fresh("shapes", graph, data, s, folder), events::add);
        assertThat(run.await(240, TimeUnit.SECONDS)).isNotNull();
        assertThat(events.get(events.size() - 1)).as(events.get(events.size() - 1).toString())
                .isInstanceOf(Finished.class);
        return events;
    }

    private static List<EpochEnded> epochs(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof EpochEnded).map(e -> (EpochEnded) e).toList();
    }

    @Test
    void aConvEncoderDecoderSegmentsShapesBetterThanCallingEveryPixelBackground(@TempDir Path dir) throws Exception {
        DataSplits data = new ShapesSource(ShapesSource.Task.SEGMENT, 3, SIDE, SIDE, 400, 0.05, 0.2).load(4);
        Graph graph = encoderDecoder(new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 4),
                conv(16, 3, 1), new ReLU(), conv(16, 3, 2), new ReLU(), conv(16, 3, 2), new ReLU(), conv(4, 1, 1));
        TrainingSettings s = TrainingSettings.DEFAULTS.with(Map.of("epochs", 8, "learningRate", 0.01,
                "batchSize", 32));
        RunFolder folder = RunFolder.create(dir, "shapes", "{}".getBytes(), s, Map.of(), LocalDateTime.now());

        List<TrainingEvent> events = train(graph, data, s, folder);

        assertThat(((Started) events.get(0)).metric()).isEqualTo("accuracy");
        int[] counts = data.validation().classCounts();
        double background = (double) counts[0] / Arrays.stream(counts).sum();
        List<EpochEnded> epochs = epochs(events);
        EpochEnded last = epochs.get(epochs.size() - 1);
        System.out.printf("segmentation: background share %.3f, per-pixel validation accuracy %.3f%n", background,
                last.validationMetric());
        assertThat(last.validationMetric()).as("per-pixel accuracy against the background share %.3f", background)
                .isGreaterThan(background + 0.03);
        assertThat(last.trainLoss()).isLessThan(epochs.get(0).trainLoss());
        // the engine-side evaluation of the saved weights agrees with the run's own last validation
        try (TrainedModel model = TrainedModel.load(graph, folder.model())) {
            Evaluation e = Evaluation.of(model, data.validation());
            assertThat(e.accuracy()).isCloseTo(last.validationMetric(), within(1e-3));
            assertThat(e.predictions()).hasSize(data.validation().size() * SIDE * SIDE);
            long positions = Arrays.stream(e.confusion()).flatMapToInt(Arrays::stream).asLongStream().sum();
            assertThat(positions).isEqualTo((long) data.validation().size() * SIDE * SIDE);
            assertThat(e.recall(0)).as("background found").isGreaterThan(0.9);
            assertThat(e.misclassified(data.validation())).isEmpty();
            assertThat(e.accuracyText(data.validation())).isEqualTo(String.format(java.util.Locale.ROOT,
                    "pixel accuracy %.2f%% over %,d pixels (%d×%d in each of %d samples)", 100 * e.accuracy(),
                    positions, SIDE, SIDE, data.validation().size()));
        }
    }

    @Test
    void aConvAutoencoderReconstructsShapesBelowTheInputsVariance(@TempDir Path dir) throws Exception {
        DataSplits data = new ShapesSource(ShapesSource.Task.RECONSTRUCT, 3, SIDE, SIDE, 300, 0.1, 0.2).load(2);
        Graph graph = encoderDecoder(new Output(Output.MSE_PER_POSITION, 3),
                conv(8, 3, 1), new ReLU(), conv(3, 3, 1));
        TrainingSettings s = TrainingSettings.DEFAULTS.with(Map.of("epochs", 6, "learningRate", 0.01,
                "batchSize", 32));
        RunFolder folder = RunFolder.create(dir, "autoencoder", "{}".getBytes(), s, Map.of(), LocalDateTime.now());

        List<TrainingEvent> events = train(graph, data, s, folder);

        assertThat(((Started) events.get(0)).metric()).isEqualTo("mse");
        double variance = variance(data.validation());
        List<EpochEnded> epochs = epochs(events);
        EpochEnded last = epochs.get(epochs.size() - 1);
        System.out.printf("reconstruction: input variance %.4f, validation mse %.4f%n", variance,
                last.validationMetric());
        assertThat(last.validationMetric()).as("mse against the variance %.4f", variance).isLessThan(variance / 2);
        // the loss is the mean squared error itself
        assertThat(last.validationLoss()).isCloseTo(last.validationMetric(), within(1e-4));
        try (TrainedModel model = TrainedModel.load(graph, folder.model())) {
            Evaluation e = Evaluation.of(model, data.validation());
            assertThat(e.meanSquaredError()).isCloseTo(last.validationMetric(), within(1e-4));
            assertThat(e.classNames()).isEmpty();
        }
    }

    /** Returns the variance of every feature value about their one mean: the MSE of predicting that mean. */
    private static double variance(Examples examples) {
        double sum = 0;
        double squares = 0;
        for (float v : examples.features()) {
            sum += v;
            squares += (double) v * v;
        }
        int n = examples.features().length;
        return squares / n - (sum / n) * (sum / n);
    }
}
