package org.layercanvas.engine;

import java.util.List;
import java.util.Random;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.data.Normalization;
import org.layercanvas.data.TargetKind;

/** Small generated datasets for engine tests and benchmarks. */
public final class TestData {
    private TestData() {
    }

    /** Two Gaussian blobs in 2-D, centred at (-1,-1) and (1,1), classes 0 and 1. */
    static Examples blobs(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            float centre = c == 0 ? -1f : 1f;
            x[2 * i] = centre + (float) r.nextGaussian() * 0.4f;
            x[2 * i + 1] = centre + (float) r.nextGaussian() * 0.4f;
            y[i] = c;
        }
        return new Examples(new int[] {2}, x, TargetKind.CLASSES, 1, y, List.of("a", "b"));
    }

    /** Uniform noise features with random labels of ten classes: for speed and memory, not learning. */
    public static Examples noise(int n, int[] sampleShape, long seed) {
        Random r = new Random(seed);
        int per = java.util.Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        float[] x = new float[n * per];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
        }
        return new Examples(sampleShape, x, TargetKind.CLASSES, 1, y,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    /** Blobs split 800/200. */
    static DataSplits blobSplits() {
        return new DataSplits(blobs(800, 1), blobs(200, 2), null, Normalization.NONE, "blobs");
    }
}
