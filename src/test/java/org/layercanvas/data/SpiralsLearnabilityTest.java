package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spirals sample promises a small MLP can learn them; this trains one to prove it. */
@Tag("engine")
class SpiralsLearnabilityTest {
    private static final int BATCH = 50;
    private static final int EPOCHS = 60;

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void smallMlpReachesNinetyFivePercentOnNoisySpirals(long seed) throws DataException {
        DataSplits splits = new SyntheticSource(SyntheticShape.SPIRALS, 1000, 0.1, 3, 0.2).load(seed);
        Engine.getInstance().setRandomSeed((int) seed);

        SequentialBlock mlp = new SequentialBlock()
                .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
        try (Model model = Model.newInstance("spirals");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(mlp);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 2));
                Examples train = splits.train();
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    for (int start = 0; start + BATCH <= train.size(); start += BATCH) {
                        try (NDManager step = manager.newSubManager();
                                GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray x = step.create(Arrays.copyOfRange(train.features(), 2 * start,
                                    2 * (start + BATCH)), new Shape(BATCH, 2));
                            NDArray y = step.create(Arrays.copyOfRange(train.targets(), start, start + BATCH));
                            NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                            collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(logits)));
                        }
                        trainer.step();
                    }
                }
                Examples validation = splits.validation();
                NDArray x = manager.create(validation.features(), new Shape(validation.size(), 2));
                NDArray predicted = trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1);
                NDArray truth = manager.create(validation.targets()).toType(predicted.getDataType(), false);
                float accuracy = predicted.eq(truth).sum().getLong() / (float) validation.size();

                assertThat(accuracy).isGreaterThanOrEqualTo(0.95f);
            }
        }
    }
}
