package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A run reporting mean squared error (an image-shaped output) is summed up by its lowest value. */
class MseRunSummaryTest {
    @Test
    void theBestMseIsTheLowestAndReadsAsMse() {
        RunSummary summary = RunSummary.of(List.of(
                new TrainingEvent.Started("autoencoder", 1, 3, 10, 240, 60, "mse", "cpu", "oneDNN SSE41"),
                new TrainingEvent.EpochEnded(1, 0.05, 0.05, 0.04, 0.04, 100, 1),
                new TrainingEvent.EpochEnded(2, 0.02, 0.02, 0.0123456, 0.0123456, 200, 2),
                new TrainingEvent.EpochEnded(3, 0.02, 0.02, 0.03, 0.03, 300, 2)));

        assertThat(summary.bestValidationMetric()).isEqualTo(0.0123456);
        assertThat(summary.bestText()).isEqualTo("0.01235 mse");
    }
}
