package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataSplitsTest {

    /** 1000 samples whose single feature is their own index; 10 % class 0, 30 % class 1, 60 % class 2. */
    private static Examples indexed() {
        float[] features = new float[1000];
        float[] targets = new float[1000];
        for (int i = 0; i < 1000; i++) {
            features[i] = i;
            targets[i] = i < 100 ? 0 : i < 400 ? 1 : 2;
        }
        return new Examples(new int[] {1}, features, TargetKind.CLASSES, 1, targets, List.of("a", "b", "c"));
    }

    @Test
    void stratifiedSplitKeepsEachClassShare() throws DataException {
        DataSplits splits = DataSplits.split("x", indexed(), null, 0.2, 9, t -> Normalization.NONE);

        assertThat(splits.validation().classCounts()).containsExactly(20, 60, 120);
        assertThat(splits.train().classCounts()).containsExactly(80, 240, 480);
    }

    @Test
    void everySampleIsInExactlyOneSplit() throws DataException {
        DataSplits splits = DataSplits.split("x", indexed(), null, 0.25, 9, t -> Normalization.NONE);

        float[] both = new float[1000];
        System.arraycopy(splits.train().features(), 0, both, 0, 750);
        System.arraycopy(splits.validation().features(), 0, both, 750, 250);
        Arrays.sort(both);
        assertThat(both).containsExactly(IntStream.range(0, 1000).mapToObj(i -> (float) i).toArray(Float[]::new));
    }

    @Test
    void sameSeedSameSplitOtherSeedAnother() throws DataException {
        float[] first = DataSplits.split("x", indexed(), null, 0.2, 1, t -> Normalization.NONE).validation().features();
        float[] again = DataSplits.split("x", indexed(), null, 0.2, 1, t -> Normalization.NONE).validation().features();
        float[] other = DataSplits.split("x", indexed(), null, 0.2, 2, t -> Normalization.NONE).validation().features();

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void splitsAreShuffledSoBatchesMixClasses() throws DataException {
        DataSplits splits = DataSplits.split("x", indexed(), null, 0.2, 1, t -> Normalization.NONE);

        float[] firstTargets = Arrays.copyOf(splits.train().targets(), 50);
        assertThat(IntStream.range(0, 50).mapToDouble(i -> firstTargets[i]).distinct().count()).isGreaterThan(1);
    }

    @Test
    void aClassTooSmallForAShareStillLeavesEveryClassInTraining() throws DataException {
        Examples tiny = new Examples(new int[] {1}, new float[] {1, 2, 3, 4, 5}, TargetKind.CLASSES, 1,
                new float[] {0, 0, 0, 0, 1}, List.of("common", "rare"));

        DataSplits splits = DataSplits.split("tiny", tiny, null, 0.2, 3, t -> Normalization.NONE);

        assertThat(splits.validation().size()).isEqualTo(1);
        assertThat(splits.train().classCounts()).containsExactly(3, 1);
    }

    @Test
    void regressionTargetsAreSplitByPlainShuffle() throws DataException {
        float[] values = new float[50];
        for (int i = 0; i < 50; i++) {
            values[i] = i;
        }
        Examples regression = new Examples(new int[] {1}, values.clone(), TargetKind.VALUES, 1, values, List.of());

        DataSplits splits = DataSplits.split("r", regression, null, 0.2, 3, t -> Normalization.NONE);

        assertThat(splits.validation().size()).isEqualTo(10);
        assertThat(splits.validation().features()).containsExactly(splits.validation().targets());
        assertThat(splits.description()).isEqualTo("r: 50 samples (40 training, 10 validation), 1 feature, 1 target value");
    }

    @Test
    void normalizationIsFittedOnTrainingAndAppliedToEverySplit() throws DataException {
        Examples test = new Examples(new int[] {1}, new float[] {0, 500}, TargetKind.CLASSES, 1, new float[] {0, 1},
                List.of("a", "b", "c"));

        DataSplits splits = DataSplits.split("x", indexed(), test, 0.2, 1, Normalization::standardizing);

        double trainMean = 0;
        for (float v : splits.train().features()) {
            trainMean += v;
        }
        assertThat(trainMean / splits.train().size()).isCloseTo(0, within(1e-3));
        float mean = splits.normalization().mean()[0];
        float std = splits.normalization().std()[0];
        assertThat(splits.test().features()).containsExactly((0 - mean) / std, (500 - mean) / std);
    }

    @Test
    void oneSampleCannotBeSplit() {
        Examples one = new Examples(new int[] {1}, new float[] {1}, TargetKind.CLASSES, 1, new float[] {0},
                List.of("only"));

        assertThatThrownBy(() -> DataSplits.split("one.csv", one, null, 0.2, 1, t -> Normalization.NONE))
                .isInstanceOf(DataException.class)
                .hasMessage("one.csv: 1 sample is too few to split into training and validation");
    }
}
