package org.layercanvas.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The two-dimensional toy sets, each a few curves or clusters of about unit size that a small
 * network can separate; {@code noise} is the standard deviation of Gaussian jitter added to x and y.
 */
public enum SyntheticShape {
    /** Interleaved spiral arms, one class per arm, from radius 0.25 out to 1 over 0.6 of a turn. */
    SPIRALS(0) {
        @Override
        double[] point(int label, int classes, Random random) {
            // Starting away from the centre keeps the arms apart where they would otherwise meet,
            // so noise 0.1 still leaves the arms separable by a small network (about 97 %).
            double r = 0.25 + 0.75 * random.nextDouble();
            double angle = label * 2 * Math.PI / classes + r * 0.6 * 2 * Math.PI;
            return new double[] {r * Math.cos(angle), r * Math.sin(angle)};
        }
    },
    /** Two interlocking half circles of radius 1, centred on the origin. */
    MOONS(2) {
        @Override
        double[] point(int label, int classes, Random random) {
            double t = Math.PI * random.nextDouble();
            return label == 0 ? new double[] {Math.cos(t) - 0.5, Math.sin(t) - 0.25}
                    : new double[] {0.5 - Math.cos(t), 0.25 - Math.sin(t)};
        }
    },
    /** A circle of radius 0.5 (class 0) inside a circle of radius 1 (class 1). */
    CIRCLES(2) {
        @Override
        double[] point(int label, int classes, Random random) {
            double t = 2 * Math.PI * random.nextDouble();
            double r = label == 0 ? 0.5 : 1.0;
            return new double[] {r * Math.cos(t), r * Math.sin(t)};
        }
    },
    /** Points in the square from -1 to 1; class 1 where x and y have different signs. */
    XOR(2) {
        @Override
        double[] point(int label, int classes, Random random) {
            // A margin of 0.1 from the axes, so the classes do not touch before any noise.
            double x = 0.1 + 0.9 * random.nextDouble();
            double y = 0.1 + 0.9 * random.nextDouble();
            boolean flipX = random.nextBoolean();
            double sx = flipX ? -1 : 1;
            double sy = (label == 1) == flipX ? 1 : -1;
            return new double[] {sx * x, sy * y};
        }
    },
    /** Round clusters whose centres are spread evenly on the unit circle. */
    BLOBS(0) {
        @Override
        double[] point(int label, int classes, Random random) {
            double angle = label * 2 * Math.PI / classes;
            return new double[] {Math.cos(angle), Math.sin(angle)};
        }
    };

    private final int fixedClasses;

    SyntheticShape(int fixedClasses) {
        this.fixedClasses = fixedClasses;
    }

    /** Returns the number of classes the shape always has, or 0 when it takes any number. */
    public int fixedClasses() {
        return fixedClasses;
    }

    /** Returns the name used in design files, e.g. {@code spirals}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the set a design file names ({@code spirals}, …), or null for a name that is none. */
    public static SyntheticShape find(String key) {
        for (SyntheticShape s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** Returns the points of one sample of class {@code label} before noise. */
    abstract double[] point(int label, int classes, Random random);

    /**
     * Generates {@code size} samples with features {@code [x, y]}, classes taking turns so that
     * each has the same number of samples (give or take one).
     *
     * @param classes the number of classes, ignored by shapes with a fixed number
     * @param noise the standard deviation of the Gaussian jitter on x and y
     * @param random the source of randomness; the same seed gives the same samples
     */
    public Examples generate(int size, double noise, int classes, Random random) {
        int k = fixedClasses > 0 ? fixedClasses : classes;
        if (size < 1 || k < 2 || noise < 0) {
            throw new IllegalArgumentException(size + " samples, " + k + " classes, noise " + noise);
        }
        float[] features = new float[2 * size];
        float[] targets = new float[size];
        for (int i = 0; i < size; i++) {
            int label = i % k;
            double[] p = point(label, k, random);
            features[2 * i] = (float) (p[0] + noise * random.nextGaussian());
            features[2 * i + 1] = (float) (p[1] + noise * random.nextGaussian());
            targets[i] = label;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            names.add("class " + c);
        }
        return new Examples(new int[] {2}, features, TargetKind.CLASSES, 1, targets, names);
    }
}
