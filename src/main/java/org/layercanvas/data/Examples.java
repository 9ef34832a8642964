package org.layercanvas.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory set of samples: features in one flat row-major array, and per sample a class index,
 * target values, or a class index per position (a mask). Immutable by convention: no method changes
 * the arrays it was given.
 *
 * <p>The features are whatever values the set was built with. Sources build sets of raw values
 * (pixels 0 to 255, CSV cells as written); the sets inside a {@link DataSplits} have had its
 * {@link Normalization} applied already, so they are what the network sees.
 */
public final class Examples {
    private final int[] sampleShape;
    private final float[] features;
    private final TargetKind kind;
    private final int[] targetShape;
    private final int targetWidth;
    private final float[] targets;
    private final List<String> classNames;

    /**
     * Creates a set of samples whose targets are one class or a row of values each.
     *
     * @param sampleShape the shape of one sample's features, e.g. {@code [1, 28, 28]} or {@code [4]}
     * @param features size × product(sampleShape) values, sample after sample
     * @param kind whether targets are class indices or values
     * @param targetWidth 1 for classes; the number of values per sample for regression
     * @param targets size × targetWidth values
     * @param classNames the name of each class (empty for regression)
     */
    public Examples(int[] sampleShape, float[] features, TargetKind kind, int targetWidth, float[] targets,
            List<String> classNames) {
        this(sampleShape, features, kind, new int[] {targetWidth}, targets, classNames);
    }

    /**
     * Creates a set of samples with targets of any shape: a class mask or an image per sample.
     *
     * @param sampleShape the shape of one sample's features, e.g. {@code [3, 32, 32]}
     * @param features size × product(sampleShape) values, sample after sample
     * @param kind what the targets are
     * @param targetShape the shape of one sample's targets: {@code [1]} for a class, {@code [width]}
     *     for values, {@code [H, W]} (or {@code [L]}) for a mask of classes, {@code [C, H, W]} for an image
     * @param targets size × product(targetShape) values, sample after sample
     * @param classNames the name of each class (empty for regression)
     */
    public Examples(int[] sampleShape, float[] features, TargetKind kind, int[] targetShape, float[] targets,
            List<String> classNames) {
        this.sampleShape = sampleShape.clone();
        this.features = Objects.requireNonNull(features);
        this.kind = Objects.requireNonNull(kind);
        this.targetShape = targetShape.clone();
        this.targetWidth = product(targetShape);
        this.targets = Objects.requireNonNull(targets);
        this.classNames = List.copyOf(classNames);
        int per = sampleSize();
        if (per <= 0 || features.length % per != 0) {
            throw new IllegalArgumentException("features do not divide into samples of " + Arrays.toString(sampleShape));
        }
        if (targetShape.length == 0 || targetWidth < 1 || (kind == TargetKind.CLASSES && targetWidth != 1)) {
            throw new IllegalArgumentException("targets of " + Arrays.toString(targetShape) + " for " + kind);
        }
        if (targets.length != size() * targetWidth) {
            throw new IllegalArgumentException(size() + " samples but " + targets.length + " target values");
        }
        if (kind != TargetKind.VALUES) {
            for (float t : targets) {
                if (t != (int) t || t < 0 || t >= this.classNames.size()) {
                    throw new IllegalArgumentException("class index " + t + " with " + this.classNames.size()
                            + " classes");
                }
            }
        }
    }

    private static int product(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Returns the number of samples. */
    public int size() {
        return features.length / sampleSize();
    }

    /** Returns the shape of one sample's features. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Returns the number of feature values per sample. */
    public int sampleSize() {
        return product(sampleShape);
    }

    /** Returns all features, sample after sample; do not modify. */
    public float[] features() {
        return features;
    }

    /** Returns whether targets are classes or values. */
    public TargetKind kind() {
        return kind;
    }

    /** Returns the number of target values per sample: 1 for classes, H×W for a mask. */
    public int targetWidth() {
        return targetWidth;
    }

    /** Returns the shape of one sample's targets: {@code [1]}, {@code [width]}, a mask's {@code [H, W]}, an image's. */
    public int[] targetShape() {
        return targetShape.clone();
    }

    /** Returns all targets, sample after sample; do not modify. */
    public float[] targets() {
        return targets;
    }

    /** Returns the class names, empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** Returns the number of classes, 0 for regression. */
    public int classCount() {
        return classNames.size();
    }

    /**
     * Returns how many samples each class has (for per-position classes, how many positions), indexed
     * by class; empty for regression.
     */
    public int[] classCounts() {
        int[] counts = new int[classCount()];
        if (kind != TargetKind.VALUES) {
            for (float t : targets) {
                counts[(int) t]++;
            }
        }
        return counts;
    }

    /** Returns a set with the same targets and class names but these features (same sample shape). */
    public Examples withFeatures(float[] newFeatures) {
        if (newFeatures.length != features.length) {
            throw new IllegalArgumentException(newFeatures.length + " feature values for " + features.length);
        }
        return new Examples(sampleShape, newFeatures, kind, targetShape, targets, classNames);
    }

    /** Returns the samples at these indices, in this order. */
    public Examples subset(int[] indices) {
        int per = sampleSize();
        float[] f = new float[indices.length * per];
        float[] t = new float[indices.length * targetWidth];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * per, f, i * per, per);
            System.arraycopy(targets, indices[i] * targetWidth, t, i * targetWidth, targetWidth);
        }
        return new Examples(sampleShape, f, kind, targetShape, t, classNames);
    }
}
