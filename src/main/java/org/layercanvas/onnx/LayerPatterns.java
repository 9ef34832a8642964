package org.layercanvas.onnx;

import static org.layercanvas.onnx.Nodes.attrInt;
import static org.layercanvas.onnx.Nodes.other;
import static org.layercanvas.onnx.Nodes.perm;
import static org.layercanvas.onnx.Nodes.tidy;
import static org.layercanvas.onnx.Nodes.transpose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.layercanvas.engine.ResizeMatrices;
import org.layercanvas.engine.Tensor;
import org.layercanvas.graph.AdaptiveAvgPool2d;
import org.layercanvas.graph.GELU;
import org.layercanvas.graph.LayerNorm;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.Mish;
import org.layercanvas.graph.MultiHeadAttention;
import org.layercanvas.graph.PositionalEmbedding;
import org.layercanvas.graph.SiLU;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.Softplus;
import org.layercanvas.onnx.proto.GraphProto;
import org.layercanvas.onnx.proto.NodeProto;

/**
 * The layers an exporter writes as several operators, found before the graph is translated node by
 * node: GELU, SiLU and Mish written out (opset 17 has none of them), a Softplus with PyTorch's beta
 * and threshold written out, a positional table added to a sequence, adaptive average pooling as
 * two products with averaging matrices, and multi-head attention written out in projections,
 * scaled products and Softmax, as {@code OnnxExporter} writes each of them.
 */
final class LayerPatterns {
    /** How far a constant may be from the table or matrix a layer computes and still be that layer's. */
    private static final double SAME = 1e-5;

    private final Nodes nodes;
    private final GraphProto graph;
    private final Function<NodeProto, String> names;
    private final Map<NodeProto, Fusion> found = new IdentityHashMap<>();

    /**
     * Several ONNX nodes that together compute one layer, added when the last of them is reached.
     *
     * @param inputs the values the layer reads, in port order
     * @param fits what the first input's shape per sample must be for the nodes to be this layer
     * @param expects {@code fits} in words, for the message when it does not hold
     * @param weights the layer's weights under the engine's names, given the first input's shape
     */
    record Fusion(LayerSpec spec, List<String> inputs, NodeProto last, String name, List<NodeProto> nodes,
            Predicate<Shape> fits, String expects, Function<Shape, List<Tensor>> weights) {
    }

    LayerPatterns(Nodes nodes, GraphProto graph, Function<NodeProto, String> names) {
        this.nodes = nodes;
        this.graph = graph;
        this.names = names;
    }

    /** Returns each node that belongs to a pattern, with the pattern it belongs to. */
    Map<NodeProto, Fusion> find() {
        // attention and adaptive pooling first: their masks and matrices are constants a table could be taken for
        for (NodeProto n : graph.getNodeList()) {
            switch (n.getOpType()) {
                case "Softmax" -> attention(n);
                case "MatMul" -> adaptiveAverage(n);
                default -> {
                }
            }
        }
        for (NodeProto n : graph.getNodeList()) {
            switch (n.getOpType()) {
                case "Erf" -> gelu(n);
                case "Sigmoid" -> {
                    NodeProto m = nodes.soleConsumer(n.getOutput(0));
                    if (isMulOf(m, n.getOutput(0), n.getInput(0))) {
                        fuse(new SiLU(), n.getInput(0), m, List.of(n, m));
                    }
                }
                case "Softplus" -> {
                    NodeProto t = nodes.next(n, "Tanh");
                    NodeProto m = t == null ? null : nodes.soleConsumer(t.getOutput(0));
                    if (t != null && isMulOf(m, t.getOutput(0), n.getInput(0))) {
                        fuse(new Mish(), n.getInput(0), m, List.of(n, t, m));
                    }
                }
                case "Where" -> softplus(n);
                case "Sqrt" -> layerNorm(n);
                case "Add" -> positions(n);
                default -> {
                }
            }
        }
        return found;
    }

    /** The operators that occur only inside these patterns: a graph that has them elsewhere is refused by node. */
    static final java.util.Set<String> OPERATORS = java.util.Set.of("Erf", "Where", "Greater", "Min", "Exp", "Log",
            "Pow", "Sqrt");

    // ---- activations

    /**
     * GELU as PyTorch and LayerCanvas write it before opset 20: x·0.5·(1 + erf(x/√2)), the halving
     * either first (on x) or last.
     */
    private void gelu(NodeProto erf) {
        NodeProto d = nodes.producer(erf.getInput(0));
        if (d == null || nodes.soleConsumer(d.getOutput(0)) != erf) {
            return;
        }
        String x;
        if (d.getOpType().equals("Div") && nodes.scalar(d.getInput(1), Math.sqrt(2))) {
            x = d.getInput(0);
        } else if (d.getOpType().equals("Mul")) {
            x = nodes.operandBeside(d, Math.sqrt(0.5));
        } else {
            return;
        }
        if (x == null) {
            return;
        }
        NodeProto a = nodes.next(erf, "Add");
        if (a == null || nodes.operandBeside(a, 1) == null) {
            return;
        }
        NodeProto m = nodes.next(a, "Mul");
        if (m == null || m.getInputCount() != 2) {
            return;
        }
        String other = other(m, a.getOutput(0));
        if (other.equals(x)) {
            NodeProto half = nodes.next(m, "Mul");
            if (half != null && nodes.operandBeside(half, 0.5) != null) {
                fuse(new GELU(), x, half, List.of(d, erf, a, m, half));
            }
            return;
        }
        NodeProto h = nodes.producer(other);
        if (h != null && h.getOpType().equals("Mul") && x.equals(nodes.operandBeside(h, 0.5))
                && nodes.soleConsumer(h.getOutput(0)) == m) {
            fuse(new GELU(), x, m, List.of(d, erf, h, a, m));
        }
    }

    /**
     * Softplus with a beta or threshold of its own, as PyTorch computes it: where x·β > threshold, x;
     * elsewhere log(1 + exp(min(x·β, threshold))) / β.
     */
    private void softplus(NodeProto where) {
        if (where.getInputCount() != 3) {
            return;
        }
        NodeProto greater = nodes.feeding(where.getInput(0), "Greater", where);
        NodeProto div = nodes.feeding(where.getInput(2), "Div", where);
        String x = where.getInput(1);
        if (greater == null || div == null) {
            return;
        }
        NodeProto scale = nodes.producer(greater.getInput(0));
        Constant threshold = nodes.constant(greater.getInput(1));
        Constant beta = nodes.constant(div.getInput(1));
        NodeProto log = nodes.feeding(div.getInput(0), "Log", div);
        NodeProto add = log == null ? null : nodes.feeding(log.getInput(0), "Add", log);
        String exp1 = add == null ? null : nodes.operandBeside(add, 1);
        NodeProto exp = exp1 == null ? null : nodes.feeding(exp1, "Exp", add);
        NodeProto min = exp == null ? null : nodes.feeding(exp.getInput(0), "Min", exp);
        if (scale == null || !scale.getOpType().equals("Mul") || threshold == null || beta == null || min == null
                || threshold.size() != 1 || beta.size() != 1 || !min.getInput(0).equals(scale.getOutput(0))
                || !nodes.scalar(min.getInput(1), threshold.asFloats()[0])
                || !x.equals(nodes.operandBeside(scale, beta.asFloats()[0]))
                || nodes.consumers.getOrDefault(scale.getOutput(0), List.of()).size() != 2) {
            return;
        }
        fuse(new Softplus(tidy(beta.asFloats()[0]), tidy(threshold.asFloats()[0])), x, where,
                List.of(scale, min, exp, add, log, div, greater, where));
    }

    /**
     * LayerNorm over the last axis as PyTorch writes it before opset 17: (x − mean) / √(mean((x −
     * mean)²) + ε), then times a constant scale and plus a constant shift when it has them.
     */
    private void layerNorm(NodeProto sqrt) {
        NodeProto plus = nodes.feeding(sqrt.getInput(0), "Add", sqrt);
        NodeProto div = nodes.next(sqrt, "Div");
        String e = plus == null ? null : nodes.constantOperand(plus);
        Constant epsilon = e == null ? null : nodes.constant(e);
        NodeProto variance = e == null ? null : nodes.feeding(other(plus, e), "ReduceMean", plus);
        NodeProto square = variance == null ? null : nodes.feeding(variance.getInput(0), "Pow", variance);
        NodeProto centred = div == null ? null : nodes.producer(div.getInput(0));
        NodeProto mean = centred == null ? null : nodes.producer(centred.getInput(1));
        if (epsilon == null || epsilon.size() != 1 || square == null || !nodes.scalar(square.getInput(1), 2)
                || centred == null || !centred.getOpType().equals("Sub") || mean == null
                || !mean.getOpType().equals("ReduceMean") || !div.getInput(1).equals(sqrt.getOutput(0))
                || !square.getInput(0).equals(centred.getOutput(0))
                || !mean.getInput(0).equals(centred.getInput(0)) || nodes.soleConsumer(mean.getOutput(0)) != centred
                || nodes.consumers.getOrDefault(centred.getOutput(0), List.of()).size() != 2) {
            return;
        }
        long axis = lastAxis(mean);
        if (axis == 0 || axis != lastAxis(variance) || attrInt(mean, "keepdims", 1) != 1) {
            return;
        }
        String x = mean.getInput(0);
        List<NodeProto> parts = new ArrayList<>(List.of(mean, centred, square, variance, plus, sqrt, div));
        NodeProto last = div;
        NodeProto times = byConstant(div, "Mul");
        if (times != null) {
            parts.add(times);
            last = times;
        }
        NodeProto plusShift = byConstant(last, "Add");
        if (plusShift != null) {
            parts.add(plusShift);
            last = plusShift;
        }
        float[] weight = times == null ? null : nodes.constant(nodes.constantOperand(times)).asFloats();
        float[] bias = plusShift == null ? null : nodes.constant(nodes.constantOperand(plusShift)).asFloats();
        found(new Fusion(new LayerNorm(tidy(epsilon.asFloats()[0])), List.of(x), last, names.apply(last), parts,
                s -> (axis == -1 || axis == s.rank()) && (weight == null || weight.length == s.dim(-1))
                        && (bias == null || bias.length == s.dim(-1)),
                "normalized over its last axis, with a scale and shift as wide as it", s -> {
                    int width = s.dim(-1);
                    float[] ones = new float[width];
                    Arrays.fill(ones, 1);
                    return List.of(new Tensor("weight", new long[] {width}, weight == null ? ones : weight.clone()),
                            new Tensor("bias", new long[] {width}, bias == null ? new float[width] : bias.clone()));
                }));
    }

    /** Returns the node of {@code op} that alone reads {@code n}'s output, with a float constant, or null. */
    private NodeProto byConstant(NodeProto n, String op) {
        NodeProto next = nodes.next(n, op);
        String c = next == null ? null : nodes.constantOperand(next);
        return c != null && nodes.constant(c).floats() != null ? next : null;
    }

    /** Returns the one axis a ReduceMean averages (attribute or, from opset 18, input), or 0 when it is not one. */
    private long lastAxis(NodeProto reduce) {
        var a = Nodes.attr(reduce, "axes");
        if (a != null) {
            return a.getIntsCount() == 1 ? a.getInts(0) : 0;
        }
        Constant c = reduce.getInputCount() > 1 ? nodes.constant(reduce.getInput(1)) : null;
        return c != null && c.size() == 1 ? c.asLongs()[0] : 0;
    }

    // ---- tables and matrices

    /**
     * A positional table added to a sequence (T, D): a constant (T, D) (or (1, T, D)), or the first T
     * rows of a longer one taken by Slice, as LayerCanvas writes a PositionalEmbedding. The table is
     * the sinusoidal one when it equals it, else a learned one.
     */
    private void positions(NodeProto add) {
        String table = nodes.constantOperand(add);
        if (table == null && add.getInputCount() == 2) {
            for (String in : add.getInputList()) {
                NodeProto slice = nodes.feeding(in, "Slice", add);
                if (slice != null && rows(slice) > 0 && nodes.constant(slice.getInput(0)) != null
                        && !nodes.constants.containsKey(other(add, in))) {
                    fusePositions(add, slice, nodes.constant(slice.getInput(0)), rows(slice));
                    return;
                }
            }
            return;
        }
        Constant c = table == null ? null : nodes.constant(table);
        boolean batched = c != null && c.dims().length == 3 && c.dims()[0] == 1;
        if (c == null || c.floats() == null || !(c.dims().length == 2 || batched)) {
            return;
        }
        fusePositions(add, null, c, (int) c.dims()[c.dims().length - 2]);
    }

    /** Returns how many rows a Slice of the first axis from 0 takes (constant bounds, step 1), or 0. */
    private int rows(NodeProto slice) {
        if (slice.getInputCount() < 3) {
            return 0;
        }
        Constant starts = nodes.constant(slice.getInput(1));
        Constant ends = nodes.constant(slice.getInput(2));
        Constant axes = slice.getInputCount() > 3 && !slice.getInput(3).isEmpty() ? nodes.constant(slice.getInput(3))
                : null;
        Constant steps = slice.getInputCount() > 4 && !slice.getInput(4).isEmpty() ? nodes.constant(slice.getInput(4))
                : null;
        boolean firstAxis = axes == null ? slice.getInputCount() <= 3 : axes.size() == 1 && axes.asLongs()[0] == 0;
        boolean unit = steps == null ? slice.getInputCount() <= 4 : steps.size() == 1 && steps.asLongs()[0] == 1;
        if (starts == null || ends == null || !firstAxis || !unit || starts.size() != 1 || ends.size() != 1
                || starts.asLongs()[0] != 0 || ends.asLongs()[0] <= 0) {
            return 0;
        }
        return (int) Math.min(ends.asLongs()[0], Integer.MAX_VALUE);
    }

    private void fusePositions(NodeProto add, NodeProto slice, Constant table, int length) {
        long[] dims = table.dims();
        int width = (int) dims[dims.length - 1];
        int maxLength = (int) dims[dims.length - 2];
        if (table.floats() == null || length > maxLength) {
            return;
        }
        String x = other(add, slice != null ? slice.getOutput(0) : nodes.constantOperand(add));
        float[] values = table.asFloats();
        boolean sinusoid = close(values, PositionalEmbedding.sinusoid(maxLength, width));
        String kind = sinusoid ? "sinusoidal" : PositionalEmbedding.LEARNED;
        List<Tensor> tensors = sinusoid ? List.of() : List.of(new Tensor("weight", new long[] {maxLength, width},
                values.clone()));
        List<NodeProto> parts = slice != null ? List.of(slice, add) : List.of(add);
        found(new Fusion(new PositionalEmbedding(kind, maxLength), List.of(x), add, names.apply(add), parts,
                s -> s.rank() == 2 && s.dim(0) == length && s.dim(1) == width,
                "of shape (" + length + "," + width + ") as its table's", s -> tensors));
    }

    /**
     * Adaptive average pooling of (C, H, W) to (C, OH, OW), as LayerCanvas writes it (ONNX has no adaptive
     * pooling): x·A over the width, then B·(that) over the height, A and B the averaging matrices.
     */
    private void adaptiveAverage(NodeProto height) {
        Constant b = nodes.constant(height.getInput(0));
        NodeProto across = nodes.feeding(height.getInput(1), "MatMul", height);
        Constant a = across == null ? null : nodes.constant(across.getInput(1));
        if (b == null || a == null || b.dims().length != 2 || a.dims().length != 2 || b.floats() == null
                || a.floats() == null || nodes.constants.containsKey(across.getInput(0))) {
            return;
        }
        int outH = (int) b.dims()[0];
        int inH = (int) b.dims()[1];
        int inW = (int) a.dims()[0];
        int outW = (int) a.dims()[1];
        if (!close(a.asFloats(), ResizeMatrices.adaptiveAverage(inW, outW))
                || !close(b.asFloats(), ResizeMatrices.transposed(ResizeMatrices.adaptiveAverage(inH, outH), inH, outH))) {
            return;
        }
        found(new Fusion(new AdaptiveAvgPool2d(List.of(outH, outW)), List.of(across.getInput(0)), height,
                names.apply(height), List.of(across, height), s -> s.rank() == 3 && s.dim(1) == inH && s.dim(2) == inW,
                "of shape (C," + inH + "," + inW + ") as its averaging matrices'", s -> List.of()));
    }

    // ---- attention

    /** One of attention's query, key and value projections: x·W (+ b), its heads split and moved forward. */
    private record Projection(String input, int heads, int width, float[] weight, float[] bias, List<NodeProto> nodes) {
    }

    /**
     * Multi-head attention as LayerCanvas writes it, found from its Softmax: softmax((q·kᵀ)/√d (+ the
     * causal mask)) · v, each of q, k and v a projection split into heads, then the heads joined and
     * projected back. One input read three times is self-attention; three inputs are query, key and value.
     */
    private void attention(NodeProto softmax) {
        long axis = attrInt(softmax, "axis", -1);
        if (axis != -1 && axis != 3) {
            return;
        }
        NodeProto scores = nodes.feeding(softmax.getInput(0), "Add", softmax);
        float[] mask = null;
        NodeProto div;
        if (scores != null) {
            String m = nodes.constantOperand(scores);
            Constant c = m == null ? null : nodes.constant(m);
            if (c == null || c.dims().length != 2 || c.dims()[0] != c.dims()[1]
                    || !close(c.asFloats(), MultiHeadAttention.causalMask((int) c.dims()[0]))) {
                return;
            }
            mask = c.asFloats();
            div = nodes.feeding(other(scores, m), "Div", scores);
        } else {
            div = nodes.feeding(softmax.getInput(0), "Div", softmax);
        }
        NodeProto products = div == null ? null : nodes.feeding(div.getInput(0), "MatMul", div);
        NodeProto mixedByHead = nodes.next(softmax, "MatMul");
        if (products == null || mixedByHead == null || !mixedByHead.getInput(0).equals(softmax.getOutput(0))) {
            return;
        }
        Projection q = projection(products.getInput(0), products, false);
        Projection k = projection(products.getInput(1), products, true);
        Projection v = projection(mixedByHead.getInput(1), mixedByHead, false);
        NodeProto mixed = nodes.next(mixedByHead, "Transpose");
        NodeProto joined = nodes.next(mixed, "Reshape");
        NodeProto out = nodes.next(joined, "MatMul");
        if (q == null || k == null || v == null || mixed == null || !perm(mixed, 0, 2, 1, 3) || joined == null
                || out == null || q.heads() != k.heads() || q.heads() != v.heads() || q.width() != k.width()
                || q.width() != v.width()) {
            return;
        }
        int heads = q.heads();
        int e = q.width();
        Constant joinedShape = nodes.constant(joined.getInput(1));
        Constant wo = nodes.constant(out.getInput(1));
        boolean bias = q.bias() != null;
        NodeProto outBias = bias ? nodes.next(out, "Add") : null;
        String outBiasName = outBias == null ? null : nodes.constantOperand(outBias);
        Constant bo = outBiasName == null ? null : nodes.constant(outBiasName);
        if (joinedShape == null || !Arrays.equals(joinedShape.asLongs(), new long[] {0, 0, e})
                || !square(wo, e) || !nodes.scalar(div.getInput(1), Math.sqrt((double) e / heads))
                || (k.bias() != null) != bias || (v.bias() != null) != bias || bias && (bo == null || bo.size() != e)) {
            return;
        }
        float[] inProj = new float[3 * e * e];
        float[] inBias = new float[3 * e];
        Projection[] qkv = {q, k, v};
        for (int p = 0; p < 3; p++) {
            // x·W with W (E, E) is PyTorch's x·in_proj[p]ᵀ: rows p·E to (p+1)·E of in_proj_weight are Wᵀ
            System.arraycopy(transpose(qkv[p].weight(), e, e), 0, inProj, p * e * e, e * e);
            if (bias) {
                System.arraycopy(qkv[p].bias(), 0, inBias, p * e, e);
            }
        }
        List<Tensor> tensors = new ArrayList<>(List.of(new Tensor("in_proj_weight", new long[] {3 * e, e}, inProj)));
        if (bias) {
            tensors.add(new Tensor("in_proj_bias", new long[] {3 * e}, inBias));
        }
        tensors.add(new Tensor("out_proj.weight", new long[] {e, e}, transpose(wo.asFloats(), e, e)));
        if (bias) {
            tensors.add(new Tensor("out_proj.bias", new long[] {e}, bo.asFloats().clone()));
        }
        List<NodeProto> parts = new ArrayList<>();
        for (Projection p : qkv) {
            parts.addAll(p.nodes());
        }
        parts.addAll(scores != null ? List.of(products, div, scores, softmax) : List.of(products, div, softmax));
        parts.addAll(List.of(mixedByHead, mixed, joined, out));
        NodeProto last = outBias != null ? outBias : out;
        if (outBias != null) {
            parts.add(outBias);
        }
        boolean self = q.input().equals(k.input()) && q.input().equals(v.input());
        List<String> inputs = self ? List.of(q.input()) : List.of(q.input(), k.input(), v.input());
        int length = mask == null ? -1 : (int) Math.round(Math.sqrt(mask.length));
        found(new Fusion(new MultiHeadAttention(heads, 0, mask != null, bias), inputs, last, names.apply(last), parts,
                s -> s.rank() == 2 && s.dim(1) == e && (length < 0 || s.dim(0) == length),
                "of shape (T," + e + ")" + (length < 0 ? "" : " with T = " + length + " as its causal mask's"),
                s -> tensors));
    }

    /**
     * Returns the projection whose heads {@code value} holds, read only by {@code reader}: MatMul by a
     * constant (E, E) (+ a constant bias), Reshape to (N, T, heads, E/heads), Transpose to (N, heads, T,
     * d), or to (N, heads, d, T) for the key ({@code key}); or null.
     */
    private Projection projection(String value, NodeProto reader, boolean key) {
        NodeProto byHead = nodes.feeding(value, "Transpose", reader);
        if (byHead == null || !(key ? perm(byHead, 0, 2, 3, 1) : perm(byHead, 0, 2, 1, 3))) {
            return null;
        }
        NodeProto split = nodes.feeding(byHead.getInput(0), "Reshape", byHead);
        Constant shape = split == null ? null : nodes.constant(split.getInput(1));
        if (shape == null || shape.size() != 4) {
            return null;
        }
        long[] s = shape.asLongs();
        if (s[0] != 0 || s[1] != 0 || s[2] <= 0 || s[3] <= 0) {
            return null;
        }
        int heads = (int) s[2];
        int e = (int) (s[2] * s[3]);
        List<NodeProto> parts = new ArrayList<>();
        NodeProto biased = nodes.feeding(split.getInput(0), "Add", split);
        float[] bias = null;
        String projected = split.getInput(0);
        if (biased != null) {
            String b = nodes.constantOperand(biased);
            Constant c = b == null ? null : nodes.constant(b);
            if (c == null || c.size() != e) {
                return null;
            }
            bias = c.asFloats();
            projected = other(biased, b);
        }
        NodeProto product = nodes.feeding(projected, "MatMul", biased != null ? biased : split);
        Constant w = product == null ? null : nodes.constant(product.getInput(1));
        if (!square(w, e) || nodes.constants.containsKey(product.getInput(0))) {
            return null;
        }
        parts.add(product);
        if (biased != null) {
            parts.add(biased);
        }
        parts.addAll(List.of(split, byHead));
        return new Projection(product.getInput(0), heads, e, w.asFloats(), bias, parts);
    }

    private static boolean square(Constant c, int e) {
        return c != null && c.floats() != null && c.dims().length == 2 && c.dims()[0] == e && c.dims()[1] == e;
    }

    // ---- helpers

    private void fuse(LayerSpec spec, String input, NodeProto last, List<NodeProto> parts) {
        found(new Fusion(spec, List.of(input), last, names.apply(last), parts, s -> true, "", s -> List.of()));
    }

    private void found(Fusion f) {
        if (f.nodes().stream().anyMatch(found::containsKey)) {
            return; // a node belongs to one layer: the first pattern found keeps it
        }
        f.nodes().forEach(node -> found.put(node, f));
    }

    /** Returns whether {@code m} multiplies exactly {@code a} and {@code b}, in either order. */
    private static boolean isMulOf(NodeProto m, String a, String b) {
        return m != null && m.getOpType().equals("Mul") && m.getInputCount() == 2
                && (m.getInput(0).equals(a) && m.getInput(1).equals(b) || m.getInput(0).equals(b) && m.getInput(1).equals(a));
    }

    private static boolean close(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            boolean bothInfinite = Float.isInfinite(a[i]) && a[i] == b[i];
            if (!bothInfinite && !(Math.abs(a[i] - b[i]) <= SAME * Math.max(1, Math.abs(b[i])))) {
                return false;
            }
        }
        return true;
    }

}
