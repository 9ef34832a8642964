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
}
