package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.edit.BlockDesigns;
import org.layercanvas.export.ProbeInputs;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Flattener;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.io.DesignCodec;

/** A design of blocks trains with the real engine as the layers it stands for. */
@Tag("engine")
class BlockTrainingTest {
    private static final int EPOCHS = 2;
    private static final int LIMIT = 600;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aDesignWithAGroupedARepeatedAndANestedBlockTrainsAndItsLossFalls(@TempDir Path dir) throws Exception {
        Design design = BlockDesigns.residual(2, LIMIT);
        assertThat(Analysis.of(design.graph()).hasErrors()).isFalse();

        long start = System.nanoTime();
        List<TrainingEvent> events = train(design, null, dir).trainingEvents();
        System.out.printf("blocks: %d epochs of %d MNIST images through a repeated, nested residual unit in %.1f s%n",
                EPOCHS, LIMIT, (System.nanoTime() - start) / 1e9);

        List<TrainingEvent.EpochEnded> epochs = events.stream().filter(e -> e instanceof TrainingEvent.EpochEnded)
                .map(e -> (TrainingEvent.EpochEnded) e).toList();
        List<Double> batches = events.stream().filter(e -> e instanceof TrainingEvent.BatchEnded)
                .map(e -> ((TrainingEvent.BatchEnded) e).loss()).toList();
        System.out.printf("blocks: first batch loss %.3f, train loss by epoch %s, validation loss by epoch %s%n",
                batches.get(0), epochs.stream().map(TrainingEvent.EpochEnded::trainLoss).toList(),
                epochs.stream().map(TrainingEvent.EpochEnded::validationLoss).toList());
        assertThat(events).last().isInstanceOf(TrainingEvent.Finished.class);
        assertThat(epochs).hasSize(EPOCHS);
        assertThat(epochs.get(EPOCHS - 1).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(epochs.get(EPOCHS - 1).trainLoss()).isLessThan(batches.get(0));
    }

    /**
     * The residual sample with its units grouped (one nested in another) and the sample as shipped,
     * each started from the same weights, moved by layer name, train to the same outputs.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aGroupedDesignTrainsToTheSameOutputsAsItsFlatTwinFromTheSameWeights(@TempDir Path dir) throws Exception {
        Design grouped = BlockDesigns.residual(1, LIMIT);
        Design twin = new Design(grouped.name(), BlockDesigns.sample().graph(), grouped.dataset(), grouped.training());
        Path groupedStart = dir.resolve("grouped-start.params");
        Path twinStart = dir.resolve("twin-start.params");
        try (TrainedModel m = TrainedModel.initialized(grouped.graph(), 5)) {
            m.save(groupedStart);
        }
        moveWeightsByName(grouped.graph(), groupedStart, twin.graph(), twinStart);

        RunFolder groupedRun = train(grouped, groupedStart, dir.resolve("grouped"));
        RunFolder twinRun = train(twin, twinStart, dir.resolve("twin"));

        float[] probes = ProbeInputs.of(twin.graph(), 16, 3);
        float[] before;
        float[] a;
        float[] b;
        try (TrainedModel s = TrainedModel.load(twin.graph(), twinStart);
                TrainedModel m = TrainedModel.load(grouped.graph(), groupedRun.model());
                TrainedModel t = TrainedModel.load(twin.graph(), twinRun.model())) {
            before = s.predict(probes, 16);
            a = m.predict(probes, 16);
            b = t.predict(probes, 16);
        }
        double diff = maxDifference(a, b);
        System.out.printf("blocks: grouped and flat twin after %d epochs differ by at most %.3g on 16 probes"
                + " (training moved the outputs by up to %.3g)%n", EPOCHS, diff, maxDifference(before, b));
        assertThat(diff).isLessThanOrEqualTo(1e-4);
        assertThat(maxDifference(before, b)).as("training changed the outputs").isGreaterThan(0.1);
    }

    private static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Trains {@code design} for {@link #EPOCHS} epochs into a run folder under {@code runs}, from {@code start} if given. */
    private static RunFolder train(Design design, Path start, Path runs) throws Exception {
        TrainingSettings settings = TrainingSettings.fromMap(design.training()).with(Map.of("epochs", EPOCHS));
        DataSplits splits = DatasetSpec.parse(design.dataset(), Path.of(".")).load(settings.seed());
        RunFolder folder = RunFolder.create(runs, "blocks", new DesignCodec().toBytes(design), settings,
                RunFolder.describeData(splits, design.dataset(), Path.of(".")), LocalDateTime.now());
        TrainingRun run = new TrainingService(new LayerBlockFactory()).start(new TrainingJob(design.name(),
                design.graph(), splits, settings, folder, 1, start), e -> { });
        assertThat(run.await(120, TimeUnit.SECONDS)).isInstanceOf(TrainingEvent.Finished.class);
        return folder;
    }

    /**
     * Writes to {@code to} the weights in {@code from} of the design {@code source}, each layer's
     * moved to the layer of {@code target} with the last part of its name ({@code b1_conv1} for
     * {@code stage1/unit/b1_conv1}).
     */
    private static void moveWeightsByName(Graph source, Path from, Graph target, Path to) throws Exception {
        LayerBlockFactory factory = new LayerBlockFactory();
        GraphBlock a = new GraphBlock(source, Analysis.of(source), factory);
        GraphBlock b = new GraphBlock(target, Analysis.of(target), factory);
        Graph flat = Flattener.flatten(source).graph();
        Map<String, String> byName = new HashMap<>();
        target.nodes().forEach(n -> byName.put(n.name(), n.id()));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            a.initialize(manager, DataType.FLOAT32, a.inputShapes(1));
            b.initialize(manager, DataType.FLOAT32, b.inputShapes(1));
            WeightsFile.load(a, manager, from);
            Map<String, Block> targets = b.layerBlocks();
            int moved = 0;
            for (Map.Entry<String, Block> layer : a.layerBlocks().entrySet()) {
                LayerNode node = flat.node(layer.getKey());
                String name = node.name().substring(node.name().lastIndexOf(Flattener.SEPARATOR) + 1);
                var sourceParams = layer.getValue().getParameters();
                var targetParams = targets.get(byName.get(name)).getParameters();
                assertThat(targetParams.size()).as(name).isEqualTo(sourceParams.size());
                for (int i = 0; i < sourceParams.size(); i++) {
                    targetParams.valueAt(i).getArray().set(sourceParams.valueAt(i).getArray().toFloatArray());
                    moved++;
                }
            }
            assertThat(moved).isGreaterThan(20);
            WeightsFile.save(b, to);
        }
    }
}
