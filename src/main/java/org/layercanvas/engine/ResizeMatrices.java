package org.layercanvas.engine;

/**
 * The matrices that resize one spatial axis: an (in × out) matrix M with {@code y = x·M} along the
 * axis. Interpolation and adaptive average pooling are both linear and act on each axis apart, so a
 * 2-D resize is two products. Each matrix is computed in 32-bit floats exactly as PyTorch's CPU
 * kernels compute their source indices and weights ({@code UpSample.h}, {@code AdaptiveAveragePooling.cpp}),
 * so the engine picks the same input values as {@code nn.Upsample} and {@code nn.AdaptiveAvgPool2d}.
 */
public final class ResizeMatrices {
    private ResizeMatrices() {
    }

    /** Returns the matrix of nearest interpolation from {@code in} to {@code out} positions, row-major. */
    public static float[] nearest(int in, int out) {
        float[] m = new float[in * out];
        float scale = (float) in / out;
        for (int j = 0; j < out; j++) {
            int src;
            if (out == in) {
                src = j;
            } else if (out == 2 * in) {
                src = j >> 1;
            } else {
                src = Math.min((int) Math.floor((float) j * scale), in - 1);
            }
            m[src * out + j] = 1f;
        }
        return m;
    }

    /**
     * Returns the matrix of linear interpolation from {@code in} to {@code out} positions, row-major.
     *
     * @param alignCorners whether the first and last positions map onto each other; otherwise
     *     positions are pixel centres, and sources before the first are clamped to it
     */
    public static float[] linear(int in, int out, boolean alignCorners) {
        float[] m = new float[in * out];
        float scale = alignCorners ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f) : (float) in / out;
        for (int j = 0; j < out; j++) {
            float src = alignCorners ? scale * j : scale * (j + 0.5f) - 0.5f;
            if (src < 0) {
                src = 0;
            }
            int i0 = Math.min((int) src, in - 1);
            int i1 = i0 + (i0 < in - 1 ? 1 : 0);
            float lambda1 = Math.min(Math.max(src - i0, 0f), 1f);
            float lambda0 = 1f - lambda1;
            m[i0 * out + j] += lambda0;
            m[i1 * out + j] += lambda1;
        }
        return m;
    }

    /** Returns the matrix of adaptive average pooling from {@code in} to {@code out} cells, row-major. */
    public static float[] adaptiveAverage(int in, int out) {
        float[] m = new float[in * out];
        for (int j = 0; j < out; j++) {
            int start = (int) Math.floor((double) j * in / out);
            int end = (int) Math.ceil((double) (j + 1) * in / out);
            for (int i = start; i < end; i++) {
                m[i * out + j] = 1f / (end - start);
            }
        }
        return m;
    }

    /** Returns {@code m} (in × out) transposed, out × in. */
    public static float[] transposed(float[] m, int in, int out) {
        float[] t = new float[m.length];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                t[j * in + i] = m[i * out + j];
            }
        }
        return t;
    }
}
