package org.layercanvas.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a training run reports, in order: one {@link Started}, then batches, epochs and checkpoints
 * (with pauses between), then exactly one of {@link Finished}, {@link Stopped} or {@link Failed}.
 * The same records go to the run folder's {@code metrics.jsonl}, to {@code train --json} and to the
 * window's charts.
 *
 * <p>As JSON an event is one object: {@code type} first, named below, then the record's components
 * in order, e.g. {@code {"type":"paused","epoch":2,"step":9}}. These names are part of the run folder
 * format: old runs are read with them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TrainingEvent.Started.class, name = "started"),
    @JsonSubTypes.Type(value = TrainingEvent.BatchEnded.class, name = "batch"),
    @JsonSubTypes.Type(value = TrainingEvent.EpochEnded.class, name = "epoch"),
    @JsonSubTypes.Type(value = TrainingEvent.Paused.class, name = "paused"),
    @JsonSubTypes.Type(value = TrainingEvent.Resumed.class, name = "resumed"),
    @JsonSubTypes.Type(value = TrainingEvent.CheckpointSaved.class, name = "checkpoint"),
    @JsonSubTypes.Type(value = TrainingEvent.Finished.class, name = "finished"),
    @JsonSubTypes.Type(value = TrainingEvent.Stopped.class, name = "stopped"),
    @JsonSubTypes.Type(value = TrainingEvent.Failed.class, name = "failed"),
    @JsonSubTypes.Type(value = TrainingEvent.Imported.class, name = "imported")
})
public sealed interface TrainingEvent {

    /**
     * The run began (or resumed).
     *
     * @param design the design's name
     * @param firstEpoch the first epoch to run, from 1 (above 1 when resumed)
     * @param epochs the last epoch
     * @param stepsPerEpoch batches per epoch
     * @param trainSize training samples
     * @param validationSize validation samples
     * @param metric {@code accuracy} for classification, {@code mae} for regression
     * @param device where the run trains, e.g. {@code cpu} or {@code gpu 0} ({@code null} in logs
     *     written before it was recorded)
     * @param kernels the kernels it uses there, e.g. {@code oneDNN AVX2} or {@code CUDA 12.8}
     */
    record Started(String design, int firstEpoch, int epochs, int stepsPerEpoch, int trainSize, int validationSize,
            String metric, @JsonInclude(JsonInclude.Include.NON_NULL) String device,
            @JsonInclude(JsonInclude.Include.NON_NULL) String kernels) implements TrainingEvent {
    }

    /**
     * One batch was trained.
     *
     * @param epoch the epoch, from 1
     * @param step the step over the whole run, from 1
     * @param batch the batch within the epoch, from 1
     * @param loss the batch's mean loss
     * @param learningRate the rate the step used
     * @param samplesPerSecond training throughput so far this epoch
     * @param elapsedMillis time since the run started
     */
    record BatchEnded(int epoch, int step, int batch, double loss, double learningRate, double samplesPerSecond,
            long elapsedMillis) implements TrainingEvent {
    }

    /**
     * An epoch ended and was evaluated on the validation split.
     *
     * @param epoch the epoch, from 1
     * @param trainLoss mean loss over the epoch's batches
     * @param trainMetric accuracy (or MAE) over the epoch's batches
     * @param validationLoss mean loss on the validation split
     * @param validationMetric accuracy (or MAE) on the validation split
     * @param elapsedMillis time since the run started
     * @param bestEpoch the epoch with the best validation metric so far, this one included (0 in
     *     logs written before it was recorded)
     */
    record EpochEnded(int epoch, double trainLoss, double trainMetric, double validationLoss, double validationMetric,
            long elapsedMillis, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int bestEpoch) implements TrainingEvent {
    }

    /** Training is paused after {@code step}, until resumed or stopped. */
    record Paused(int epoch, int step) implements TrainingEvent {
    }

    /** Training goes on after a pause. */
    record Resumed(int epoch, int step) implements TrainingEvent {
    }

    /** The weights after {@code epoch} were saved to {@code file} (relative to the run folder). */
    record CheckpointSaved(int epoch, String file) implements TrainingEvent {
    }

    /**
     * The run completed.
     *
     * @param epochs the epochs trained
     * @param bestEpoch the epoch with the best validation metric
     * @param bestValidationMetric that metric
     * @param reason {@code completed} or {@code early stopping}
     * @param elapsedMillis the run's duration
     */
    record Finished(int epochs, int bestEpoch, double bestValidationMetric, String reason, long elapsedMillis)
            implements TrainingEvent {
    }

    /**
     * A person stopped the run; it can be resumed from {@code checkpoint}.
     *
     * @param epoch the epoch in progress when stopped
     * @param step the last step trained
     * @param checkpoint the weights saved at the stop (relative to the run folder), or empty
     */
    record Stopped(int epoch, int step, String checkpoint) implements TrainingEvent {
    }

    /**
     * The run failed.
     *
     * @param message what went wrong, for a person
     * @param hint what to try, or empty
     */
    record Failed(String message, String hint) implements TrainingEvent {
    }

    /**
     * The run was not trained here: its weights were imported from a model file.
     *
     * @param design the design's name
     * @param source the file the weights came from
     */
    record Imported(String design, String source) implements TrainingEvent {
    }
}
