package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyntheticSourceTest {

    @ParameterizedTest
    @EnumSource(SyntheticShape.class)
    void sameSeedGivesTheSameSamplesAndSplit(SyntheticShape shape) throws DataException {
        SyntheticSource source = new SyntheticSource(shape, 300, 0.1, 3, 0.2);

        DataSplits first = source.load(7);
        DataSplits again = source.load(7);

        assertThat(again.train().features()).containsExactly(first.train().features());
        assertThat(again.train().targets()).containsExactly(first.train().targets());
        assertThat(again.validation().features()).containsExactly(first.validation().features());
    }

    @ParameterizedTest
    @EnumSource(SyntheticShape.class)
    void differentSeedGivesDifferentSamples(SyntheticShape shape) throws DataException {
        SyntheticSource source = new SyntheticSource(shape, 300, 0.1, 3, 0.2);

        assertThat(source.load(2).train().features()).isNotEqualTo(source.load(3).train().features());
    }

    @ParameterizedTest
    @EnumSource(SyntheticShape.class)
    void samplesArePointsInThePlaneWithBalancedClasses(SyntheticShape shape) throws DataException {
        DataSplits splits = new SyntheticSource(shape, 1000, 0.1, 4, 0.2).load(1);
        int classes = shape.fixedClasses() > 0 ? shape.fixedClasses() : 4;

        assertThat(splits.train().sampleShape()).containsExactly(2);
        assertThat(splits.train().size() + splits.validation().size()).isEqualTo(1000);
        assertThat(splits.validation().size()).isEqualTo(200);
        assertThat(splits.train().classNames()).hasSize(classes).startsWith("class 0", "class 1");
        int[] total = splits.train().classCounts();
        int[] validation = splits.validation().classCounts();
        for (int c = 0; c < classes; c++) {
            assertThat(total[c] + validation[c]).isEqualTo(1000 / classes + (c < 1000 % classes ? 1 : 0));
        }
        for (float v : splits.train().features()) {
            assertThat(Math.abs(v)).isLessThan(2f);
        }
        assertThat(splits.normalization()).isEqualTo(Normalization.NONE);
        assertThat(splits.test()).isNull();
    }

    @Test
    void spiralArmsWithoutNoiseLieOnTheirOwnCurve() {
        Examples spirals = SyntheticShape.SPIRALS.generate(600, 0, 3, new Random(5));

        float[] f = spirals.features();
        for (int i = 0; i < spirals.size(); i++) {
            double x = f[2 * i];
            double y = f[2 * i + 1];
            double r = Math.hypot(x, y);
            double expected = spirals.targets()[i] * 2 * Math.PI / 3 + r * 0.6 * 2 * Math.PI;
            assertThat(r).isBetween(0.25 - 1e-6, 1 + 1e-6);
            assertThat(Math.cos(expected) * r).isCloseTo(x, within(1e-5));
            assertThat(Math.sin(expected) * r).isCloseTo(y, within(1e-5));
        }
    }

    @Test
    void xorClassesAreTheQuadrantsWhereTheSignsDiffer() {
        Examples xor = SyntheticShape.XOR.generate(400, 0, 2, new Random(5));

        float[] f = xor.features();
        for (int i = 0; i < xor.size(); i++) {
            boolean differ = f[2 * i] * f[2 * i + 1] < 0;
            assertThat(xor.targets()[i]).isEqualTo(differ ? 1f : 0f);
        }
    }

    @Test
    void circlesWithoutNoiseHaveRadiusHalfAndOne() {
        Examples circles = SyntheticShape.CIRCLES.generate(100, 0, 2, new Random(5));

        float[] f = circles.features();
        for (int i = 0; i < circles.size(); i++) {
            double radius = Math.hypot(f[2 * i], f[2 * i + 1]);
            assertThat(radius).isCloseTo(circles.targets()[i] == 0 ? 0.5 : 1.0, within(1e-5));
        }
    }

    @Test
    void noiseSpreadsPointsByAboutItsStandardDeviation() {
        Examples blobs = SyntheticShape.BLOBS.generate(4000, 0.3, 2, new Random(5));

        // Class 0's centre is (1, 0): the x values around it have standard deviation ≈ noise.
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int i = 0; i < blobs.size(); i++) {
            if (blobs.targets()[i] == 0) {
                double dx = blobs.features()[2 * i] - 1;
                sum += dx;
                squares += dx * dx;
                n++;
            }
        }
        assertThat(sum / n).isCloseTo(0, within(0.03));
        assertThat(Math.sqrt(squares / n)).isCloseTo(0.3, within(0.02));
    }

    @Test
    void descriptionNamesTheShapeAndCounts() throws DataException {
        DataSplits splits = new SyntheticSource(SyntheticShape.SPIRALS, 1000, 0.1, 3, 0.2).load(1);

        assertThat(splits.description())
                .isEqualTo("spirals (1000, noise 0.1): 1000 samples (800 training, 200 validation), 2 features, 3 classes");
    }
}
