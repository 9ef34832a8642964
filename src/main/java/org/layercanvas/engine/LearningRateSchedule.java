package org.layercanvas.engine;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate at each step: an optional linear warm-up, then fixed, step decay or cosine decay
 * to zero over the remaining steps. Steps count from 1, as DJL's optimizers count updates.
 */
final class LearningRateSchedule implements Tracker {
    private final TrainingSettings settings;
    private final int stepsPerEpoch;
    private final int offset;

    /**
     * Creates the schedule.
     *
     * @param stepsPerEpoch batches in one epoch
     * @param offset the run's steps before the optimizer's first update: 0 for a fresh run and for one
     *     resumed with its optimizer's state (whose count of updates goes on), the steps already trained
     *     when a resumed run's optimizer starts afresh
     */
    LearningRateSchedule(TrainingSettings settings, int stepsPerEpoch, int offset) {
        this.settings = settings;
        this.stepsPerEpoch = stepsPerEpoch;
        this.offset = offset;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) at(offset + numUpdate);
    }

    /** Returns the rate at a global step (from 1). */
    double at(int step) {
        double base = settings.learningRate();
        int warmup = settings.warmupEpochs() * stepsPerEpoch;
        if (step <= warmup) {
            return base * step / warmup;
        }
        int after = step - warmup;
        int total = settings.epochs() * stepsPerEpoch - warmup;
        return switch (settings.schedule()) {
            case "step" -> base * Math.pow(settings.stepGamma(), (step - 1) / (settings.stepEpochs() * stepsPerEpoch));
            case "cosine" -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(after, total) / Math.max(total, 1)));
            default -> base;
        };
    }
}
