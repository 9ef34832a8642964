package org.layercanvas.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.layercanvas.data.Examples;
import org.layercanvas.data.TargetKind;

/**
 * How a trained model does on a set of samples: for classes, the confusion matrix (rows are true
 * classes, columns predicted ones) with accuracy and per-class precision, recall and F1 — for a class
 * at every position (segmentation), counted over the positions; for values, the mean absolute and
 * mean squared error.
 *
 * @param classNames the class names, empty for regression
 * @param confusion counts of true class (row) against predicted class (column), of samples or, for
 *     per-position classes, of positions; empty for regression
 * @param meanAbsoluteError for regression, the mean absolute error over all targets; NaN for classes
 * @param size the number of samples
 * @param predictions per sample, the predicted class index (classes), the predicted class at each
 *     position (per-position classes), or the predicted values, one row of the target width after
 *     another (regression)
 * @param meanSquaredError for regression, the mean squared error over all targets; NaN for classes
 */
public record Evaluation(List<String> classNames, int[][] confusion, double meanAbsoluteError, int size,
        float[] predictions, double meanSquaredError) {
    /** An evaluation whose mean squared error was not computed. */
    public Evaluation(List<String> classNames, int[][] confusion, double meanAbsoluteError, int size,
            float[] predictions) {
        this(classNames, confusion, meanAbsoluteError, size, predictions, Double.NaN);
    }

    /** Runs the model over the samples in batches and compares its predictions with their targets. */
    public static Evaluation of(TrainedModel model, Examples data) {
        int per = data.sampleSize();
        int width = data.targetWidth();
        boolean classes = data.kind() != TargetKind.VALUES;
        boolean perPosition = data.kind() == TargetKind.POSITION_CLASSES;
        int k = Math.max(data.classCount(), 1);
        int[][] confusion = new int[classes ? k : 0][classes ? k : 0];
        double absError = 0;
        double squaredError = 0;
        float[] predictions = new float[data.kind() == TargetKind.CLASSES ? data.size() : data.size() * width];
        int batch = model.evaluationBatch();
        for (int from = 0; from < data.size(); from += batch) {
            int n = Math.min(batch, data.size() - from);
            float[] x = Arrays.copyOfRange(data.features(), from * per, (from + n) * per);
            float[] out = model.predict(x, n);
            int outWidth = out.length / n;
            for (int i = 0; i < n; i++) {
                if (perPosition) {
                    // outputs are (classes, positions…) per sample: class c of position p at c * width + p
                    for (int p = 0; p < width; p++) {
                        int at = (from + i) * width + p;
                        int predicted = predictedClass(out, i * outWidth + p, width, outWidth / width);
                        confusion[(int) data.targets()[at]][predicted]++;
                        predictions[at] = predicted;
                    }
                } else if (classes) {
                    int truth = (int) data.targets()[from + i];
                    int predicted = predictedClass(out, i * outWidth, 1, outWidth);
                    confusion[truth][predicted]++;
                    predictions[from + i] = predicted;
                } else {
                    for (int j = 0; j < width; j++) {
                        double error = out[i * outWidth + j] - data.targets()[(from + i) * width + j];
                        absError += Math.abs(error);
                        squaredError += error * error;
                        predictions[(from + i) * width + j] = out[i * outWidth + j];
                    }
                }
            }
        }
        long values = Math.max(1, (long) data.size() * width);
        return new Evaluation(data.classNames(), confusion, classes ? Double.NaN : absError / values, data.size(),
                predictions, classes ? Double.NaN : squaredError / values);
    }

    /**
     * Returns the class a row of outputs stands for: argmax of logits, or logit above 0 for one output.
     *
     * @param at where the first class's output is
     * @param stride how far apart the classes' outputs are
     * @param count how many classes there are
     */
    private static int predictedClass(float[] out, int at, int stride, int count) {
        if (count == 1) {
            return out[at] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (out[at + c * stride] > out[at + best * stride]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Returns the indices of the samples whose class was predicted wrong, in order (one class per
     * sample only: empty for regression and for per-position classes).
     */
    public int[] misclassified(Examples data) {
        if (data.kind() != TargetKind.CLASSES) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, size)
                .filter(i -> classNames.size() > 0 && predictions[i] != data.targets()[i]).toArray();
    }

    /** Returns the share of samples (for per-position classes, of positions) predicted right (classes only). */
    public double accuracy() {
        long right = 0;
        long all = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
            for (int v : confusion[c]) {
                all += v;
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }

    /**
     * Returns what the accuracy is and what it was counted over, as a person reads it: {@code accuracy
     * 66.67% over 3 samples}; for a class at every position, over the positions, {@code pixel accuracy
     * 93.10% over 16,384 pixels (16×16 in each of 64 samples)} or {@code per-position accuracy 91.02%
     * over 2,048 positions (32 in each of 64 samples)} (classes only).
     *
     * @param data the samples this evaluation was made on
     */
    public String accuracyText(Examples data) {
        if (data.kind() != TargetKind.POSITION_CLASSES) {
            return String.format(Locale.ROOT, "accuracy %.2f%% over %,d samples", 100 * accuracy(), size);
        }
        boolean image = data.targetShape().length == 2;
        String each = Arrays.stream(data.targetShape()).mapToObj(Integer::toString).collect(Collectors.joining("×"));
        return String.format(Locale.ROOT, "%s accuracy %.2f%% over %,d %s (%s in each of %,d samples)",
                image ? "pixel" : "per-position", 100 * accuracy(), (long) size * data.targetWidth(),
                image ? "pixels" : "positions", each, size);
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
