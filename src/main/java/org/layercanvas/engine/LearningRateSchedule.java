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
     * @param firstEpoch the epoch (0-based) training starts at; a resumed run continues the schedule
     */
    LearningRateSchedule(TrainingSettings settings, int stepsPerEpoch, int firstEpoch) {
        this.settings = settings;
        this.stepsPerEpoch = stepsPerEpoch;
        this.offset = firstEpoch * stepsPerEpoch;
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
