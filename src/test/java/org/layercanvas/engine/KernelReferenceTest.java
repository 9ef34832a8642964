package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layercanvas.graph.Conv1d;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.MaxPool2d;

/** The known answers are right where they can be worked out by hand. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class KernelReferenceTest {

    @Test
    void aConvolutionSumsItsWindowAndItsGradientsAreTheTransposedSums() {
        // one channel [1 2 3], kernel [1 -1], bias 0.5, padding 0: outputs 1-2+0.5, 2-3+0.5
        KernelReference.ConvAnswer a = KernelReference.convolution(new Conv1d(1, 2, 1, "0", 1, 1, true),
                new double[] {1, 2, 3}, new int[] {1, 1, 3}, new double[] {1, -1}, new double[] {0.5},
                new double[] {1, 10});
        assertThat(a.out()).containsExactly(-0.5, -0.5);
        assertThat(a.dInput()).containsExactly(1, 9, -10);
        assertThat(a.dWeight()).containsExactly(1 + 20, 2 + 30);
        assertThat(a.dBias()).containsExactly(11);
    }

    @Test
    void anLstmStepFromZeroStatesFollowsItsGateEquations() {
        // hidden 1, one feature, one step: gates i f g o = 0.1x+b for b = 0, 1, 2, 3
        Map<String, double[]> p = Map.of("weight_ih_l0", new double[] {0.1, 0.1, 0.1, 0.1},
                "weight_hh_l0", new double[] {0, 0, 0, 0}, "bias_ih_l0", new double[] {0, 1, 2, 3},
                "bias_hh_l0", new double[] {0, 0, 0, 0});
        double x = 2;
        double c = KernelReference.sigmoid(0.2) * Math.tanh(2.2);
        double h = KernelReference.sigmoid(3.2) * Math.tanh(c);
        assertThat(KernelReference.recurrent(new LSTM(1, 1, false, false), new double[] {x}, 1, 1, 1, p))
                .containsExactly(new double[] {h}, within(1e-15));
    }

    @Test
    void maxPoolingNeverPicksThePadding() {
        double[] out = KernelReference.pooling(new MaxPool2d(List.of(2, 2), List.of(2, 2), List.of(1, 1)),
                new double[] {-4, -3, -2, -1}, new int[] {1, 1, 2, 2});
        assertThat(out).containsExactly(-4, -3, -2, -1);
    }

    @Test
    void erfMatchesTabulatedValuesOnBothSidesOfItsSeriesAndFraction() {
        assertThat(KernelReference.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-13));
        assertThat(KernelReference.erf(-2.4)).isCloseTo(-0.9993114861033550, within(1e-13));
        assertThat(KernelReference.erf(3.0)).isCloseTo(0.9999779095030014, within(1e-13));
    }

    @Test
    void centralDifferencesGiveTheDerivativeOfASmoothLoss() {
        double[] g = KernelReference.gradient(v -> v[0] * v[0] + 3 * v[1], new double[] {2, 5}, 10);
        assertThat(g[0]).isCloseTo(4, within(1e-6));
        assertThat(g[1]).isCloseTo(3, within(1e-6));
    }
}
