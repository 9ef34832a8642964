package org.layercanvas.data;

/**
 * How raw feature values become the values the network sees: {@code (raw * scale - mean) / std} per
 * feature column. Images use scale 1/255, mean 0, std 1; standardized CSV columns use scale 1 and
 * the training split's mean and standard deviation.
 *
 * @param scale multiplied first, the same for every feature
 * @param mean per-feature mean subtracted after scaling (one value applies to all); empty for none
 * @param std per-feature standard deviation divided by (one value applies to all); empty for none
 */
public record Normalization(float scale, float[] mean, float[] std) {
    /** No change. */
    public static final Normalization NONE = new Normalization(1f, new float[0], new float[0]);
    /** 8-bit pixel values 0 to 255 become 0 to 1. */
    public static final Normalization PIXELS = scaled(1f / 255);

    /** Checks that applying this normalization can never divide by zero or produce infinities. */
    public Normalization {
        if (!Float.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale " + scale);
        }
        for (float s : std) {
            if (!Float.isFinite(s) || s == 0) {
                throw new IllegalArgumentException("standard deviation " + s);
            }
        }
    }

    /** Returns a normalization that only multiplies every value, e.g. by 1/255 for 8-bit pixels. */
    public static Normalization scaled(float scale) {
        return new Normalization(scale, new float[0], new float[0]);
    }

    /**
     * Returns the standardization of each feature to mean 0 and standard deviation 1 over these
     * samples; a feature that never varies keeps standard deviation 1, so it stays at 0 rather than
     * turning into NaN.
     */
    public static Normalization standardizing(Examples train) {
        int per = train.sampleSize();
        int n = train.size();
        float[] f = train.features();
        double[] sum = new double[per];
        for (int i = 0; i < f.length; i++) {
            sum[i % per] += f[i];
        }
        float[] mean = new float[per];
        for (int j = 0; j < per; j++) {
            mean[j] = n == 0 ? 0f : (float) (sum[j] / n);
        }
        double[] squares = new double[per];
        for (int i = 0; i < f.length; i++) {
            double d = f[i] - mean[i % per];
            squares[i % per] += d * d;
        }
        float[] std = new float[per];
        for (int j = 0; j < per; j++) {
            float s = n == 0 ? 0f : (float) Math.sqrt(squares[j] / n);
            std[j] = s > 1e-12f ? s : 1f;
        }
        return new Normalization(1f, mean, std);
    }

    /** Applies this normalization in place to raw features of samples with {@code sampleSize} values. */
    public void apply(float[] features, int sampleSize) {
        for (int i = 0; i < features.length; i++) {
            int f = i % sampleSize;
            float v = features[i] * scale;
            if (mean.length > 0) {
                v -= mean[mean.length == 1 ? 0 : f];
            }
            if (std.length > 0) {
                v /= std[std.length == 1 ? 0 : f];
            }
            features[i] = v;
        }
    }

    /** Returns a copy of these raw samples with this normalization applied; the given set is left as it was. */
    public Examples applyTo(Examples raw) {
        float[] copy = raw.features().clone();
        apply(copy, raw.sampleSize());
        return raw.withFeatures(copy);
    }
}
