package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.layercanvas.data.Examples;
import org.layercanvas.graph.Output;

/**
 * What an Output layer's loss asks of training: the DJL loss, the targets as arrays that loss takes,
 * and the metric each epoch reports (accuracy; per-position accuracy; mean absolute error; mean
 * squared error for image-shaped outputs).
 */
final class Objective {
    private final Output output;
    private final int[] targetShape;
    private final int targetWidth;

    private Objective(Output output, Examples data) {
        this.output = output;
        this.targetShape = data.targetShape();
        this.targetWidth = data.targetWidth();
    }

    /** Returns the objective of training {@code output} on samples like {@code data}'s. */
    static Objective of(Output output, Examples data) {
        return new Objective(output, data);
    }

    /** Returns the metric's name in events: {@code accuracy}, {@code mae} or {@code mse}. */
    String metric() {
        if (output.isClassification()) {
            return "accuracy";
        }
        return output.loss().equals(Output.MSE_PER_POSITION) ? "mse" : "mae";
    }

    /** Returns the loss DJL trains with. */
    Loss loss() {
        return switch (output.loss()) {
            case Output.SOFTMAX_CROSS_ENTROPY -> Loss.softmaxCrossEntropyLoss();
            case Output.BINARY_CROSS_ENTROPY -> Loss.sigmoidBinaryCrossEntropyLoss();
            case Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION -> new PerPositionCrossEntropy();
            default -> Loss.l2Loss("mse", 1f);
        };
    }

    /** Returns the targets of {@code n} samples, {@code y} one after another, shaped as the loss takes them. */
    NDArray labels(NDManager m, float[] y, int n) {
        return switch (output.loss()) {
            case Output.SOFTMAX_CROSS_ENTROPY -> m.create(y, new Shape(n));
            case Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, Output.MSE_PER_POSITION -> m.create(y, batched(n));
            default -> m.create(y, new Shape(n, targetWidth));
        };
    }

    /**
     * Returns, as a one-element float array on the device, the metric summed over the batch's samples:
     * correct predictions (classes), each sample's share of positions classed right (per position),
     * or each sample's mean absolute or squared error (values).
     */
    NDArray metricSum(NDArray predictions, NDArray labels) {
        NDArray sum = switch (output.loss()) {
            case Output.SOFTMAX_CROSS_ENTROPY -> predictions.argMax(-1).toType(DataType.FLOAT32, false).eq(labels).sum();
            case Output.BINARY_CROSS_ENTROPY -> predictions.gt(0).toType(DataType.FLOAT32, false).eq(labels).sum();
            case Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION -> predictions.argMax(1).toType(DataType.FLOAT32, false)
                    .eq(labels).toType(DataType.FLOAT32, false).sum().div(targetWidth);
            case Output.MSE_PER_POSITION -> predictions.sub(labels).square().sum().div(targetWidth);
            default -> predictions.sub(labels).abs().sum().div(targetWidth);
        };
        return sum.toType(DataType.FLOAT32, false).reshape(1);
    }

    private Shape batched(int n) {
        long[] dims = new long[targetShape.length + 1];
        dims[0] = n;
        for (int i = 0; i < targetShape.length; i++) {
            dims[i + 1] = targetShape[i];
        }
        return new Shape(dims);
    }

    /**
     * Softmax cross-entropy over axis 1 of (N, C, positions…) logits against (N, positions…) class
     * indices, averaged over every position of every sample, as PyTorch's {@code nn.CrossEntropyLoss}
     * computes it for such shapes. The channels are moved last so DJL's own loss does the rest.
     */
    private static final class PerPositionCrossEntropy extends Loss {
        private final Loss perRow = Loss.softmaxCrossEntropyLoss();

        PerPositionCrossEntropy() {
            super("softmax_cross_entropy_per_position");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray logits = predictions.singletonOrThrow();
            int rank = logits.getShape().dimension();
            int[] channelsLast = new int[rank];
            for (int i = 1; i < rank - 1; i++) {
                channelsLast[i] = i + 1;
            }
            channelsLast[rank - 1] = 1;
            long classes = logits.getShape().get(1);
            NDArray rows = logits.transpose(channelsLast).reshape(-1, classes);
            return perRow.evaluate(new NDList(labels.singletonOrThrow().reshape(-1)), new NDList(rows));
        }
    }
}
