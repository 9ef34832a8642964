package org.layercanvas.data;

import java.util.Objects;

/**
 * A dataset ready to train on.
 *
 * @param train the samples training learns from
 * @param validation the samples each epoch is checked on (never trained on)
 * @param test held-out samples the files provide separately, or {@code null}
 * @param normalization what was done to the features, so predictions can do the same
 * @param description a line that says what the data is, e.g. {@code iris.csv: 150 rows, 4 features, 3 classes}
 */
public record DataSplits(Examples train, Examples validation, Examples test, Normalization normalization,
        String description) {
    public DataSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(description, "description");
    }
}
