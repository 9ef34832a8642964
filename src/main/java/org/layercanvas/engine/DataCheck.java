package org.layercanvas.engine;

import java.util.ArrayList;
import java.util.List;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.data.TargetKind;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Embedding;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Shape;

/**
 * Checks, before training starts, that a dataset fits a design: input shape, number of classes,
 * label type, token ids within an Embedding's vocabulary. Each problem names both sides.
 */
public final class DataCheck {
    private DataCheck() {
    }

    /**
     * Returns every mismatch between the design and the data, naming the data as {@link #dataName}
     * does; empty when they fit.
     */
    public static List<String> problems(Graph graph, Analysis analysis, DataSplits data) {
        return problems(graph, analysis, data, dataName(data));
    }

    /**
     * Returns how messages name the data: the part of its description before the colon, e.g.
     * {@code iris.csv} for {@code iris.csv: 150 samples (…)}, or "the data" when it has no samples.
     */
    public static String dataName(DataSplits data) {
        String d = data.description();
        int colon = d.indexOf(':');
        return data.train().size() == 0 ? "the data" : colon > 0 ? d.substring(0, colon) : d;
    }

    /**
     * Returns every mismatch between the design and the data; empty when they fit.
     *
     * @param dataName how to name the data in messages, e.g. {@code iris.csv}
     */
    public static List<String> problems(Graph graph, Analysis analysis, DataSplits data, String dataName) {
        List<String> problems = new ArrayList<>();
        List<LayerNode> inputs = graph.nodes().stream().filter(n -> n.spec() instanceof Input).toList();
        List<LayerNode> outputs = graph.nodes().stream().filter(n -> n.spec() instanceof Output).toList();
        if (inputs.size() != 1 || outputs.size() != 1) {
            problems.add("training needs exactly one Input and one Output layer; the design has " + inputs.size()
                    + " Input and " + outputs.size() + " Output layers");
            return problems;
        }
        Examples train = data.train();
        Shape designInput = Shape.of(((Input) inputs.get(0).spec()).shape());
        Shape dataInput = Shape.of(train.sampleShape());
        if (!designInput.equals(dataInput)) {
            problems.add("design input '" + inputs.get(0).name() + "' is " + designInput + " but " + dataName
                    + " gives " + dataInput);
        }
        Output out = (Output) outputs.get(0).spec();
        String outName = "design output '" + outputs.get(0).name() + "'";
        if (out.isPerPosition()) {
            checkPerPosition(out, outName, analysis.shape(outputs.get(0).id()), train, dataName, problems);
        } else if (train.kind() == TargetKind.POSITION_CLASSES) {
            problems.add(outName + " predicts once per sample (" + out.loss() + ") but " + dataName + " has a class"
                    + " at each of " + Shape.of(train.targetShape()) + " positions; use the loss "
                    + Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION + " on a (" + train.classCount() + ",…) output");
        } else if (train.kind() == TargetKind.VALUES && train.targetShape().length > 1) {
            problems.add(outName + " predicts a vector (" + out.loss() + ") but " + dataName + " has targets of "
                    + Shape.of(train.targetShape()) + " per sample; use the loss " + Output.MSE_PER_POSITION
                    + " on an output of that shape");
        } else if (out.isClassification() && train.kind() != TargetKind.CLASSES) {
            problems.add(outName + " predicts classes (" + out.loss() + ") but " + dataName
                    + " has numeric targets; use the mse loss for regression");
        } else if (!out.isClassification() && train.kind() != TargetKind.VALUES) {
            problems.add(outName + " predicts values (mse) but " + dataName + " has class labels;"
                    + " use softmax_cross_entropy for classes");
        } else if (out.loss().equals(Output.SOFTMAX_CROSS_ENTROPY) && out.classes() != train.classCount()) {
            problems.add(outName + " has " + out.classes() + " classes but " + dataName + " has "
                    + train.classCount() + " (" + names(train) + ")");
        } else if (out.loss().equals(Output.BINARY_CROSS_ENTROPY) && (out.classes() != 1 || train.classCount() != 2)) {
            problems.add(outName + " uses binary cross-entropy, which needs 1 output and 2 classes; it has "
                    + out.classes() + " output(s) and " + dataName + " has " + train.classCount() + " classes");
        } else if (!out.isClassification() && out.classes() != train.targetWidth()) {
            problems.add(outName + " predicts " + out.classes() + " values but " + dataName + " has "
                    + train.targetWidth() + " target value(s) per sample");
        }
        checkTokenIds(graph, inputs.get(0), data, dataName, problems);
        return problems;
    }

    /**
     * Returns what fits but a person should know before training: each class the training split has
     * no sample of while the validation or test split has some (the model cannot learn it, and every
     * one of them counts against it). Empty for regression.
     */
    public static List<String> warnings(DataSplits data) {
        Examples train = data.train();
        List<String> warnings = new ArrayList<>();
        if (train.kind() != TargetKind.CLASSES) {
            return warnings;
        }
        int[] trained = train.classCounts();
        int[] validated = counts(data.validation(), trained.length);
        int[] tested = counts(data.test(), trained.length);
        for (int c = 0; c < trained.length; c++) {
            if (trained[c] == 0 && validated[c] + tested[c] > 0) {
                List<String> where = new ArrayList<>();
                if (validated[c] > 0) {
                    where.add(validated[c] + " in the validation split");
                }
                if (tested[c] > 0) {
                    where.add(tested[c] + " in the test split");
                }
                warnings.add(dataName(data) + ": class '" + train.classNames().get(c) + "' has no sample in the"
                        + " training split but " + String.join(" and ", where) + "; the model cannot learn it");
            }
        }
        return warnings;
    }

    private static int[] counts(Examples split, int classes) {
        int[] counts = new int[classes];
        if (split != null && split.kind() == TargetKind.CLASSES) {
            int[] own = split.classCounts();
            System.arraycopy(own, 0, counts, 0, Math.min(classes, own.length));
        }
        return counts;
    }

    /**
     * Checks a per-position output against the data: a class mask of the output's positions with as
     * many classes as its channels, or target images of exactly its shape.
     *
     * @param shape the output's shape, or null when the design has errors there
     */
    private static void checkPerPosition(Output out, String outName, Shape shape, Examples train, String dataName,
            List<String> problems) {
        Shape targets = Shape.of(train.targetShape());
        if (out.isClassification()) {
            if (train.kind() != TargetKind.POSITION_CLASSES) {
                problems.add(outName + " predicts a class at every position (" + out.loss() + ") but " + dataName
                        + (train.kind() == TargetKind.CLASSES ? " has one class per sample; use softmax_cross_entropy"
                                : " has numeric targets; use " + Output.MSE_PER_POSITION + " for images"));
            } else if (out.classes() != train.classCount()) {
                problems.add(outName + " has " + out.classes() + " classes but " + dataName + " has "
                        + train.classCount() + " (" + names(train) + ")");
            } else if (shape != null && !positions(shape).equals(targets)) {
                problems.add(outName + " gets " + shape + ", a class at each of " + positions(shape)
                        + " positions, but " + dataName + " has masks of " + targets);
            }
        } else if (train.kind() != TargetKind.VALUES || train.targetShape().length < 2) {
            problems.add(outName + " predicts values at every position (" + out.loss() + ") but " + dataName
                    + (train.kind() == TargetKind.VALUES ? " has " + train.targetWidth() + " target value(s) per sample;"
                            + " use mse on a vector" : train.kind() == TargetKind.CLASSES
                                    ? " has one class per sample; use softmax_cross_entropy"
                                    : " has a class at every position; use " + Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION));
        } else if (shape != null && !shape.equals(targets)) {
            problems.add(outName + " predicts " + shape + " but " + dataName + " has targets of " + targets);
        }
    }

    /** Returns a (C, positions…) shape's positions: (C,H,W) gives (H,W). */
    private static Shape positions(Shape shape) {
        return Shape.of(shape.toList().subList(1, shape.rank()));
    }

    private static void checkTokenIds(Graph graph, LayerNode input, DataSplits data, String dataName,
            List<String> problems) {
        for (Edge e : graph.outputsOf(input.id())) {
            LayerNode next = graph.node(e.to());
            if (next.spec() instanceof Embedding embedding) {
                for (Examples split : new Examples[] {data.train(), data.validation(), data.test()}) {
                    if (split == null) {
                        continue;
                    }
                    for (float v : split.features()) {
                        if (v < 0 || v >= embedding.vocabulary() || v != Math.rint(v)) {
                            problems.add("Embedding '" + next.name() + "' takes token ids 0 to "
                                    + (embedding.vocabulary() - 1) + " but " + dataName + " has " + v);
                            return;
                        }
                    }
                }
            }
        }
    }

    private static String names(Examples examples) {
        List<String> names = examples.classNames();
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + ", …";
    }
}
