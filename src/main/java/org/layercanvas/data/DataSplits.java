package org.layercanvas.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A dataset ready to train on. The features of all three sets are already normalized with
 * {@link #normalization()}: they go to the network as they are. The normalization is kept so that
 * new raw inputs (a drawn digit, a typed row) can be treated the same way before prediction.
 *
 * @param train the samples training learns from
 * @param validation the samples each epoch is checked on (never trained on)
 * @param test held-out samples the files provide separately, or {@code null}
 * @param normalization what was done to the features, so predictions can do the same
 * @param description a line that says what the data is, e.g. {@code iris.csv: 150 rows, 4 features, 3 classes}
 */
public record DataSplits(Examples train, Examples validation, Examples test, Normalization normalization,
        String description) {

    /** Checks that the required parts are present. */
    public DataSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(description, "description");
    }

    /**
     * Splits raw samples into training and validation with a seeded, per-class stratified shuffle,
     * fits the normalization on the training part only, and applies it to every part.
     *
     * @param name what the data is called in the description, e.g. {@code iris.csv}
     * @param all the raw samples to split; at least two
     * @param test raw held-out samples, or {@code null}
     * @param validationFraction the share of {@code all} that validates, between 0 and 1 exclusive
     * @param seed same seed, same split
     * @param fit computes the normalization from the raw training samples
     * @throws DataException when there are fewer than two samples
     */
    public static DataSplits split(String name, Examples all, Examples test, double validationFraction, long seed,
            Function<Examples, Normalization> fit) throws DataException {
        if (all.size() < 2) {
            throw new DataException(name + ": " + all.size() + (all.size() == 1 ? " sample is" : " samples are")
                    + " too few to split into training and validation");
        }
        SplitIndices indices = SplitIndices.of(all, validationFraction, seed);
        Examples rawTrain = all.subset(indices.train());
        Normalization normalization = fit.apply(rawTrain);
        return new DataSplits(normalization.applyTo(rawTrain), normalization.applyTo(all.subset(indices.validation())),
                test == null ? null : normalization.applyTo(test), normalization,
                describe(name, all, indices, test));
    }

    private static String describe(String name, Examples all, SplitIndices indices, Examples test) {
        int[] shape = all.sampleShape();
        String features = shape.length == 1 ? shape[0] + (shape[0] == 1 ? " feature" : " features")
                : "samples of " + dims(shape);
        String targets = switch (all.kind()) {
            case CLASSES -> all.classCount() + " classes";
            case POSITION_CLASSES -> all.classCount() + " classes at each of " + dims(all.targetShape()) + " positions";
            case VALUES -> all.targetShape().length > 1 ? "targets of " + dims(all.targetShape())
                    : all.targetWidth() + (all.targetWidth() == 1 ? " target value" : " target values");
        };
        String testPart = test == null ? "" : ", " + test.size() + " test";
        return name + ": " + all.size() + " samples (" + indices.train().length + " training, "
                + indices.validation().length + " validation" + testPart + "), " + features + ", " + targets;
    }

    private static String dims(int[] shape) {
        return Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining("×"));
    }
}
