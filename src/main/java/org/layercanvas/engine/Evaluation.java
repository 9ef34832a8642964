package org.layercanvas.engine;

import java.util.List;
import org.layercanvas.data.Examples;
import org.layercanvas.data.TargetKind;

/**
 * How a trained model does on a set of samples: for classes, the confusion matrix (rows are true
 * classes, columns predicted ones) with accuracy and per-class precision, recall and F1; for values,
 * the mean absolute error.
 *
 * @param classNames the class names, empty for regression
 * @param confusion counts of true class (row) against predicted class (column); empty for regression
 * @param meanAbsoluteError for regression, the mean absolute error over all targets; NaN for classes
 * @param size the number of samples
 * @param predictions per sample, the predicted class index (classes) or the predicted values, one
 *     row of the target width after another (regression)
 */
public record Evaluation(List<String> classNames, int[][] confusion, double meanAbsoluteError, int size,
        float[] predictions) {
    private static final int BATCH = 512;

    /** Runs the model over the samples in batches and compares its predictions with their targets. */
    public static Evaluation of(TrainedModel model, Examples data) {
        int per = data.sampleSize();
        int width = data.targetWidth();
        boolean classes = data.kind() == TargetKind.CLASSES;
        int k = Math.max(data.classCount(), 1);
        int[][] confusion = new int[classes ? k : 0][classes ? k : 0];
        double absError = 0;
        float[] predictions = new float[classes ? data.size() : data.size() * width];
        for (int from = 0; from < data.size(); from += BATCH) {
            int n = Math.min(BATCH, data.size() - from);
            float[] x = java.util.Arrays.copyOfRange(data.features(), from * per, (from + n) * per);
            float[] out = model.predict(x, n);
            int outWidth = out.length / n;
            for (int i = 0; i < n; i++) {
                if (classes) {
                    int truth = (int) data.targets()[from + i];
                    int predicted = predictedClass(out, i * outWidth, outWidth);
                    confusion[truth][predicted]++;
                    predictions[from + i] = predicted;
                } else {
                    for (int j = 0; j < width; j++) {
                        absError += Math.abs(out[i * outWidth + j] - data.targets()[(from + i) * width + j]);
                        predictions[(from + i) * width + j] = out[i * outWidth + j];
                    }
                }
            }
        }
        double mae = classes ? Double.NaN : absError / Math.max(1, (long) data.size() * width);
        return new Evaluation(data.classNames(), confusion, mae, data.size(), predictions);
    }

    /** Returns the class a row of outputs stands for: argmax of logits, or logit above 0 for one output. */
    private static int predictedClass(float[] out, int at, int width) {
        if (width == 1) {
            return out[at] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (out[at + c] > out[at + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Returns the indices of the samples whose class was predicted wrong, in order (classes only). */
    public int[] misclassified(Examples data) {
        return java.util.stream.IntStream.range(0, size)
                .filter(i -> classNames.size() > 0 && predictions[i] != data.targets()[i]).toArray();
    }

    /** Returns the share of samples predicted right (classes only). */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
        }
        return size == 0 ? 0 : (double) right / size;
    }

    /** Returns the share of predictions of class {@code c} that were right. */
    public double precision(int c) {
        long predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Returns the share of samples of class {@code c} that were found. */
    public double recall(int c) {
        long actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** Returns the harmonic mean of precision and recall of class {@code c}. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
