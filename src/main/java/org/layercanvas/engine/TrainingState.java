package org.layercanvas.engine;

import java.util.List;
import java.util.Objects;

/**
 * Where a run stands at a checkpoint, beyond its weights: enough to go on as if it had never
 * stopped. The batch order and dropout are functions of the seed and the step, so the step is their
 * whole random state; the optimizer's count of updates drives its bias correction and, with the
 * step, the learning-rate schedule.
 *
 * @param optimizer the optimizer whose moments these are ({@code adam}, {@code adamw}, {@code sgd})
 * @param epoch the epoch to go on in, from 1
 * @param batch the batches of that epoch already trained (0 at an epoch's start)
 * @param step the steps trained over the whole run
 * @param updates the optimizer's own count of updates (below {@code step} after a resume that restarted it)
 * @param lossSum the epoch's batch losses so far, each times its batch size
 * @param seen the epoch's samples so far
 * @param metricSum the epoch's metric sum so far, as the device adds it up
 * @param slots the optimizer's per-parameter state by name ({@code mean}, {@code variance},
 *     {@code momentum}): for each, one array per parameter position, {@code null} where it has none
 */
record TrainingState(String optimizer, int epoch, int batch, int step, int updates, double lossSum, int seen,
        float metricSum, List<Slot> slots) {

    /** One kind of optimizer state, by parameter position. */
    record Slot(String name, float[][] values) {
        Slot {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
        }
    }

    TrainingState {
        Objects.requireNonNull(optimizer, "optimizer");
        slots = List.copyOf(slots);
        if (epoch < 1 || batch < 0 || step < 0 || updates < 0 || updates > step || seen < 0) {
            throw new IllegalArgumentException("epoch " + epoch + ", batch " + batch + ", step " + step
                    + ", updates " + updates + ", seen " + seen);
        }
    }

    /** Returns where training goes on, as a person reads it: {@code epoch 4} or {@code epoch 3, batch 8}. */
    String position() {
        return batch == 0 ? "epoch " + epoch : "epoch " + epoch + ", batch " + (batch + 1);
    }
}
