package org.layercanvas.engine;

import java.nio.file.Path;
import java.util.Objects;
import org.layercanvas.data.DataSplits;
import org.layercanvas.graph.Graph;

/**
 * Everything one training run needs.
 *
 * @param designName the design's name, for events
 * @param graph the design, free of errors
 * @param data the dataset, checked against the design
 * @param settings how to train
 * @param folder where to log events and save weights, or {@code null} to keep nothing on disk
 * @param firstEpoch the epoch to start at, from 1 (above 1 when resuming)
 * @param initialWeights weights to start from (a checkpoint), or {@code null} for fresh ones
 */
public record TrainingJob(String designName, Graph graph, DataSplits data, TrainingSettings settings, RunFolder folder,
        int firstEpoch, Path initialWeights) {
    public TrainingJob {
        Objects.requireNonNull(designName, "designName");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        if (firstEpoch < 1) {
            throw new IllegalArgumentException("firstEpoch counts from 1: " + firstEpoch);
        }
    }

    /** A fresh run from epoch 1. */
    public static TrainingJob fresh(String designName, Graph graph, DataSplits data, TrainingSettings settings,
            RunFolder folder) {
        return new TrainingJob(designName, graph, data, settings, folder, 1, null);
    }
}
