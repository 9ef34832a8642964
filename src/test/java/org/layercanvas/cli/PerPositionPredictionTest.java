package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** predict describes an output with a class or a value at every pixel by what it holds, not as one class. */
class PerPositionPredictionTest {
    @Test
    void aMaskIsDescribedByTheShareOfPixelsPerClass() {
        // 2 classes × 4 pixels, channels first: pixels 0-2 favour class 1, pixel 3 class 0
        float[] logits = {0, 0, 0, 5, 1, 2, 3, 0};

        assertThat(PredictCommand.describe(logits, "softmax_cross_entropy_per_position", List.of("background", "disc")))
                .isEqualTo("4 positions: disc 75.0%, background 25.0%");
    }

    @Test
    void anImageIsDescribedByTheRangeOfItsValues() {
        assertThat(PredictCommand.describe(new float[] {0.25f, 0.5f, 0.75f, 1f}, "mse_per_position", List.of()))
                .isEqualTo("4 values from 0.2500 to 1.000, mean 0.6250");
    }
}
