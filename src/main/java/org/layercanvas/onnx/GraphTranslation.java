package org.layercanvas.onnx;

import static org.layercanvas.onnx.Nodes.attr;
import static org.layercanvas.onnx.Nodes.attrInt;
import static org.layercanvas.onnx.Nodes.perm;
import static org.layercanvas.onnx.Nodes.tidy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layercanvas.engine.Tensor;
import org.layercanvas.graph.Add;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Average;
import org.layercanvas.graph.AvgPool1d;
import org.layercanvas.graph.AvgPool2d;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Concat;
import org.layercanvas.graph.Conv1d;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.ConvTranspose1d;
import org.layercanvas.graph.ConvTranspose2d;
import org.layercanvas.graph.Crop1d;
import org.layercanvas.graph.Crop2d;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Dropout;
import org.layercanvas.graph.ELU;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Embedding;
import org.layercanvas.graph.Flatten;
import org.layercanvas.graph.GELU;
import org.layercanvas.graph.GRU;
import org.layercanvas.graph.GlobalAvgPool;
import org.layercanvas.graph.GlobalMaxPool;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.GroupNorm;
import org.layercanvas.graph.Hardsigmoid;
import org.layercanvas.graph.Hardswish;
import org.layercanvas.graph.Identity;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.InstanceNorm;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerNorm;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LeakyReLU;
import org.layercanvas.graph.LogSoftmax;
import org.layercanvas.graph.MaxPool1d;
import org.layercanvas.graph.MaxPool2d;
import org.layercanvas.graph.Maximum;
import org.layercanvas.graph.Mish;
import org.layercanvas.graph.Multiply;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.PReLU;
import org.layercanvas.graph.Permute;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.ReLU6;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.Reduce;
import org.layercanvas.graph.Reshape;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.SiLU;
import org.layercanvas.graph.Sigmoid;
import org.layercanvas.graph.SimpleRNN;
import org.layercanvas.graph.Softmax;
import org.layercanvas.graph.Softplus;
import org.layercanvas.graph.Squeeze;
import org.layercanvas.graph.Subtract;
import org.layercanvas.graph.Tanh;
import org.layercanvas.graph.Unsqueeze;
import org.layercanvas.graph.Upsample1d;
import org.layercanvas.graph.Upsample2d;
import org.layercanvas.graph.ZeroPad1d;
import org.layercanvas.graph.ZeroPad2d;
import org.layercanvas.onnx.proto.AttributeProto;
import org.layercanvas.onnx.proto.GraphProto;
import org.layercanvas.onnx.proto.NodeProto;
import org.layercanvas.onnx.proto.TensorShapeProto;
import org.layercanvas.onnx.proto.ValueInfoProto;

/**
 * Maps one ONNX graph onto the catalog's layer kinds: each operator (or the few operators an exporter
 * writes for one layer, such as MatMul + Add, GELU written out, a global pool and its Flatten) becomes
 * one layer named after the ONNX node that computes its result; constant inputs become the layer's
 * weights under PyTorch's names. Every node that cannot be mapped is collected, never just the first.
 */
final class GraphTranslation {
    /** The operators the import knows; others are refused before anything is mapped. */
    static final Set<String> OPERATORS = Set.of("Gemm", "MatMul", "Add", "Sum", "Conv", "BatchNormalization",
            "Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Softmax", "Erf", "Div", "Mul", "Softplus", "MaxPool",
            "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Flatten", "Reshape", "Concat", "Dropout",
            "Identity", "Constant", "Pad", "LayerNormalization", "LSTM", "GRU", "Transpose", "Squeeze", "Gather",
            "Cast", "Shape", "Unsqueeze", "ConstantOfShape", "Slice", "Expand", "Clip", "HardSwish", "HardSigmoid",
            "PRelu", "LogSoftmax", "Sub", "Max", "Mean", "ReduceMean", "ReduceSum", "ReduceMax", "ConvTranspose", "RNN", "InstanceNormalization",
            "Resize");
    /** The operators that compute a recurrent layer's zero initial state from the batch size. */
    private static final Set<String> STATE_OPERATORS = Set.of("Shape", "Gather", "Unsqueeze", "Concat", "Constant",
            "ConstantOfShape", "Squeeze", "Cast", "Slice", "Expand");
    /** PyTorch's gate order in ONNX's: LSTM i, f, g, o are ONNX's blocks 0, 2, 3, 1; GRU r, z, n are 1, 0, 2. */
    private static final int[] LSTM_GATES = {0, 2, 3, 1};
    private static final int[] GRU_GATES = {1, 0, 2};

    private final String file;
    private final int opset;
    private final GraphProto onnx;
    private final Nodes nodes;
    private final Map<String, Constant> constants;
    private final Map<String, NodeProto> producers;
    private final Map<String, List<NodeProto>> consumers;
    /** ONNX value name to the id of the layer that computes it. */
    private final Map<String, String> values = new HashMap<>();
    private final Set<NodeProto> done = Collections.newSetFromMap(new IdentityHashMap<>());
    private Map<NodeProto, LayerPatterns.Fusion> fusions = Map.of();
    /** Zero padding a Pad before a convolution or average pooling hands on to it, per spatial axis. */
    private final Map<NodeProto, int[]> handedPads = new IdentityHashMap<>();
    /** The spatial output sizes of a Resize whose sizes are computed as (N, C of the input) + constants. */
    private final Map<NodeProto, long[]> resizeSizes = new IdentityHashMap<>();
    private final List<LayerNode> layers = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, List<Tensor>> weights = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Analysis analysis;
    private int batch;
    private String inputName;
    private String outputName;

    /** What a translation produced: the layers and connections, the weights by layer id, and problems. */
    record Result(Graph graph, Map<String, List<Tensor>> weights, List<String> problems, int batch,
            String inputName, String outputName) {
    }

    private GraphTranslation(String file, int opset, GraphProto onnx) {
        this.file = file;
        this.opset = opset;
        this.onnx = onnx;
        this.nodes = new Nodes(onnx);
        this.constants = nodes.constants;
        this.producers = nodes.producers;
        this.consumers = nodes.consumers;
    }

    /**
     * Translates a graph; the result's problems list every node that cannot be mapped.
     *
     * @throws OnnxImportException when a constant cannot be read (external data, unknown type)
     */
    static Result translate(String file, int opset, GraphProto graph) throws OnnxImportException {
        GraphTranslation t = new GraphTranslation(file, opset, graph);
        return t.run();
    }

    private Result run() throws OnnxImportException {
        for (var init : onnx.getInitializerList()) {
            constants.put(init.getName(), Constant.decode(init, file + ": initializer '" + init.getName() + "'"));
        }
        for (NodeProto n : onnx.getNodeList()) {
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                problems.add(describe(n) + ": operator " + n.getDomain() + "." + n.getOpType() + " is not supported");
            } else if (!OPERATORS.contains(n.getOpType()) && !LayerPatterns.OPERATORS.contains(n.getOpType())) {
                problems.add(describe(n) + ": operator " + n.getOpType() + " is not supported");
            } else if (n.getOpType().equals("Constant")) {
                constant(n);
            } else if (n.getOpType().equals("Identity") && constants.containsKey(n.getInput(0))) {
                // PyTorch's exporter names one weight used twice through an Identity
                constants.put(n.getOutput(0), constants.get(n.getInput(0)));
                done.add(n);
            }
        }
        if (!problems.isEmpty()) {
            return result(Graph.empty());
        }
        fusions = new LayerPatterns(nodes, onnx, this::name).find();
        stateNodes();
        resizeSizeNodes();
        input();
        for (NodeProto n : onnx.getNodeList()) {
            if (done.contains(n) || n.getOpType().equals("Constant")) {
                continue;
            }
            LayerPatterns.Fusion f = fusions.get(n);
            if (f != null) {
                if (n == f.last()) {
                    fused(f);
                }
                continue;
            }
            if (!inputsKnown(n)) {
                continue; // follows a node that could not be mapped, which is reported already
            }
            translate(n);
            done.add(n);
        }
        if (problems.isEmpty()) {
            EncoderLayers.collapse(layers, edges, weights);
            analysis = null;
        }
        output();
        return result(Graph.of(layers, edges));
    }

    private Result result(Graph graph) {
        return new Result(graph, weights, List.copyOf(problems), batch, inputName, outputName);
    }

    /** Says whether every input is a layer's value or a constant (or a Resize's sizes, read already). */
    private boolean inputsKnown(NodeProto n) {
        for (int i = 0; i < n.getInputCount(); i++) {
            String in = n.getInput(i);
            boolean sizesRead = i == 3 && resizeSizes.containsKey(n);
            if (!in.isEmpty() && !values.containsKey(in) && !constants.containsKey(in) && !sizesRead) {
                return false;
            }
        }
        return true;
    }

    // ---- the graph's input and output

    private void input() {
        List<ValueInfoProto> inputs = onnx.getInputList().stream()
                .filter(v -> !constants.containsKey(v.getName())).toList();
        if (inputs.size() != 1) {
            problems.add("the graph has " + inputs.size() + " inputs ("
                    + String.join(", ", inputs.stream().map(v -> "'" + v.getName() + "'").toList())
                    + "); a LayerCanvas design takes exactly one");
            return;
        }
        ValueInfoProto in = inputs.get(0);
        inputName = in.getName();
        var type = in.getType().getTensorType();
        if (!in.getType().hasTensorType() || type.getElemType() != 1) {
            problems.add("input '" + in.getName() + "' is not a float tensor; LayerCanvas designs take float inputs");
            return;
        }
        List<TensorShapeProto.Dimension> dims = type.getShape().getDimList();
        if (dims.size() < 2) {
            problems.add("input '" + in.getName() + "' has " + dims.size() + " axes; LayerCanvas needs a batch axis"
                    + " and at least one more");
            return;
        }
        batch = dims.get(0).hasDimValue() ? (int) dims.get(0).getDimValue() : 0;
        int[] sample = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() <= 0) {
                problems.add("input '" + in.getName() + "' has no fixed size on axis " + i
                        + "; LayerCanvas needs every size but the batch's");
                return;
            }
            sample[i - 1] = (int) dims.get(i).getDimValue();
        }
        String id = add(in.getName(), new Input(Shape.of(sample).toList()), List.of());
        values.put(in.getName(), id);
    }

    private void output() {
        if (!problems.isEmpty()) {
            return;
        }
        if (onnx.getOutputCount() != 1) {
            problems.add("the graph has " + onnx.getOutputCount() + " outputs; a LayerCanvas design has exactly one");
            return;
        }
        String value = onnx.getOutput(0).getName();
        outputName = value;
        String from = values.get(value);
        if (from == null) {
            problems.add("output '" + value + "' is not computed from the input");
            return;
        }
        Shape shape = shape(from);
        if (shape == null) {
            return;
        }
        if (shape.rank() > 3) {
            problems.add("output '" + value + "' has shape " + shape + " per sample; a LayerCanvas Output takes a"
                    + " vector, or (C,L) or (C,H,W) for a prediction at every position");
            return;
        }
        NodeProto producer = producers.get(value);
        String name = producer != null && producer.getOpType().equals("Identity") && !producer.getName().isEmpty()
                ? producer.getName() : value;
        int width = shape.dim(0);
        // classes until the model's metadata says its targets are values (OnnxImport)
        String loss;
        if (shape.rank() == 1) {
            loss = width == 1 ? Output.BINARY_CROSS_ENTROPY : Output.SOFTMAX_CROSS_ENTROPY;
        } else {
            loss = width == 1 ? Output.MSE_PER_POSITION : Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION;
        }
        add(name, new Output(loss, width), List.of(from));
    }

    // ---- one operator

    private void translate(NodeProto n) {
        switch (n.getOpType()) {
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "Add", "Sum" -> add(n);
            case "Conv" -> conv(n);
            case "BatchNormalization" -> batchNorm(n);
            case "Relu" -> simple(n, new ReLU());
            case "LeakyRelu" -> simple(n, new LeakyReLU(attrFloat(n, "alpha", 0.01f)));
            case "Elu" -> simple(n, new ELU(attrFloat(n, "alpha", 1f)));
            case "Sigmoid" -> simple(n, new Sigmoid());
            case "Tanh" -> simple(n, new Tanh());
            case "Softmax" -> softmax(n, false);
            case "LogSoftmax" -> softmax(n, true);
            case "Clip" -> clip(n);
            case "HardSwish" -> simple(n, new Hardswish());
            case "HardSigmoid" -> hardSigmoid(n);
            case "PRelu" -> prelu(n);
            case "Mul" -> multiply(n);
            case "Sub" -> merge(n, new Subtract(), 2);
            case "Max" -> merge(n, new Maximum(), -1);
            case "Mean" -> merge(n, new Average(), -1);
            case "ReduceMean", "ReduceSum", "ReduceMax" -> reduce(n);
            case "Squeeze", "Unsqueeze" -> squeeze(n);
            case "Slice" -> slice(n);
            case "ConvTranspose" -> convTranspose(n);
            case "MaxPool", "AveragePool" -> pool(n);
            case "GlobalAveragePool" -> globalPool(n, new GlobalAvgPool());
            case "GlobalMaxPool" -> globalPool(n, new GlobalMaxPool());
            case "Flatten" -> flatten(n);
            case "Reshape" -> reshape(n);
            case "Concat" -> concat(n);
            case "Dropout" -> dropout(n);
            case "Pad" -> pad(n);
            case "LayerNormalization" -> layerNorm(n);
            case "Transpose" -> transpose(n);
            case "Resize" -> resize(n);
            case "Softplus" -> simple(n, new Softplus(1, 20));
            case "Cast" -> embedding(n);
            case "Identity" -> {
                String x = dynamic(n, 0);
                boolean graphOutput = onnx.getOutputList().stream().anyMatch(o -> o.getName().equals(n.getOutput(0)));
                if (x != null && graphOutput) {
                    values.put(n.getOutput(0), x); // names the Output layer
                } else if (x != null) {
                    emit(n, new Identity(), x);
                }
            }
            default -> problems.add(describe(n) + ": operator " + n.getOpType()
                    + " is supported only where it writes out GELU, SiLU, Mish or Softplus, adds a MatMul's bias or a"
                    + " positional table, or belongs to attention, adaptive pooling, an LSTM, GRU or Embedding as"
                    + " LayerCanvas (and, but for attention and adaptive pooling, PyTorch) write them");
        }
    }

    private void simple(NodeProto n, LayerSpec spec) {
        String x = dynamic(n, 0);
        if (x != null) {
            emit(n, spec, x);
        }
    }

    private void gemm(NodeProto n) {
        String x = dynamic(n, 0);
        Constant b = constantInput(n, 1, "its weight B");
        if (x == null || b == null) {
            return;
        }
        if (attrInt(n, "transA", 0) != 0) {
            problems.add(describe(n) + ": Gemm with transA=1 would put the batch on the second axis; only transA=0"
                    + " on the batch input is supported");
            return;
        }
        Shape in = shape(x);
        if (in == null || !rank(n, in, 1, "a vector per sample") || !rank(n, b, 2, "B")) {
            return;
        }
        boolean transB = attrInt(n, "transB", 0) != 0;
        int k = in.dim(0);
        int units = (int) (transB ? b.dims()[0] : b.dims()[1]);
        int inner = (int) (transB ? b.dims()[1] : b.dims()[0]);
        if (inner != k) {
            problems.add(describe(n) + ": weight B " + Arrays.toString(b.dims()) + " does not fit an input of " + k);
            return;
        }
        float alpha = attrFloatRaw(n, "alpha", 1f);
        float[] w = transB ? b.asFloats().clone() : Nodes.transpose(b.asFloats(), inner, units);
        scale(w, alpha);
        List<Tensor> tensors = new ArrayList<>(List.of(new Tensor("weight", new long[] {units, k}, w)));
        Constant c = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? constantInput(n, 2, "its bias C") : null;
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty() && c == null) {
            return;
        }
        if (c != null) {
            float[] bias = broadcast(n, c, units);
            if (bias == null) {
                return;
            }
            scale(bias, attrFloatRaw(n, "beta", 1f));
            tensors.add(new Tensor("bias", new long[] {units}, bias));
        }
        String id = emit(n, new Dense(units, c != null), x);
        weights.put(id, tensors);
    }

    private void matMul(NodeProto n) {
        String x = dynamic(n, 0);
        Constant w = constantInput(n, 1, "its weight");
        if (x == null || w == null) {
            return;
        }
        Shape in = shape(x);
        if (in == null || !rank(n, w, 2, "the weight")) {
            return;
        }
        int k = (int) w.dims()[0];
        int units = (int) w.dims()[1];
        if (in.dim(-1) != k) {
            problems.add(describe(n) + ": weight " + Arrays.toString(w.dims()) + " does not fit an input of "
                    + in.dim(-1) + " features");
            return;
        }
        List<Tensor> tensors = new ArrayList<>(List.of(new Tensor("weight", new long[] {units, k},
                Nodes.transpose(w.asFloats(), k, units))));
        NodeProto last = n;
        NodeProto next = soleConsumer(n.getOutput(0));
        if (next != null && next.getOpType().equals("Add") && next.getInputCount() == 2) {
            String other = next.getInput(0).equals(n.getOutput(0)) ? next.getInput(1) : next.getInput(0);
            Constant c = constants.get(other);
            if (c != null && c.size() == units && c.floats() != null) {
                tensors.add(new Tensor("bias", new long[] {units}, c.asFloats().clone()));
                last = next;
                done.add(next);
            }
        }
        String id = add(name(last), new Dense(units, tensors.size() == 2), List.of(x));
        values.put(last.getOutput(0), id);
        weights.put(id, tensors);
    }

    private void add(NodeProto n) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            if (constants.containsKey(n.getInput(i))) {
                problems.add(describe(n) + ": " + n.getOpType() + " of a constant is supported only as the bias"
                        + " after a MatMul");
                return;
            }
            in.add(values.get(n.getInput(i)));
        }
        if (in.size() == 1) {
            values.put(n.getOutput(0), in.get(0));
            return;
        }
        String id = add(name(n), new Add(), in);
        values.put(n.getOutput(0), id);
    }

    private void conv(NodeProto n) {
        String x = dynamic(n, 0);
        Constant w = constantInput(n, 1, "its weight");
        if (x == null || w == null) {
            return;
        }
        Shape in = shape(x);
        int spatial = w.dims().length - 2;
        if (in == null) {
            return;
        }
        if (spatial != 1 && spatial != 2) {
            problems.add(describe(n) + ": a " + spatial + "-D convolution is not supported (1-D and 2-D are)");
            return;
        }
        if (in.rank() != spatial + 1) {
            problems.add(describe(n) + ": input of shape " + in + " does not fit a " + spatial + "-D convolution");
            return;
        }
        int filters = (int) w.dims()[0];
        int groups = (int) attrInt(n, "group", 1);
        int[] kernel = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            kernel[i] = (int) w.dims()[i + 2];
        }
        int[] stride = attrInts(n, "strides", spatial, 1);
        int[] dilation = attrInts(n, "dilations", spatial, 1);
        int[] pads = pads(n, kernel, stride, dilation);
        if (pads == null) {
            return;
        }
        pads = withHandedPads(n, pads);
        Constant b = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? constantInput(n, 2, "its bias") : null;
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty() && b == null) {
            return;
        }
        String padding = paddingText(kernel, stride, dilation, pads);
        LayerSpec spec = spatial == 1
                ? new Conv1d(filters, kernel[0], stride[0], padding, dilation[0], groups, b != null)
                : new Conv2d(filters, list(kernel), list(stride), padding, list(dilation), groups, b != null);
        emitWithWeights(n, spec, x, w, b, filters);
    }

    private void batchNorm(NodeProto n) {
        String x = dynamic(n, 0);
        if (x == null) {
            return;
        }
        if (usedOutputs(n) > 1 || attrInt(n, "training_mode", 0) != 0) {
            problems.add(describe(n) + ": BatchNormalization in training mode is not supported; export the model"
                    + " in eval mode");
            return;
        }
        String[] names = {"weight", "bias", "running_mean", "running_var"};
        List<Tensor> tensors = new ArrayList<>();
        Shape in = shape(x);
        if (in == null) {
            return;
        }
        for (int i = 0; i < 4; i++) {
            Constant c = constantInput(n, i + 1, names[i]);
            if (c == null) {
                return;
            }
            if (c.size() != in.dim(0)) {
                problems.add(describe(n) + ": " + names[i] + " has " + c.size() + " values for " + in.dim(0)
                        + " channels");
                return;
            }
            tensors.add(new Tensor(names[i], new long[] {c.size()}, c.asFloats().clone()));
        }
        String id = emit(n, new BatchNorm(attrFloat(n, "momentum", 0.9f), attrFloat(n, "epsilon", 1e-5f)), x);
        weights.put(id, tensors);
    }

    private void layerNorm(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        long axis = attrInt(n, "axis", -1);
        if (axis != -1 && axis != in.rank()) {
            problems.add(describe(n) + ": LayerNormalization over axis " + axis + " and after is not supported;"
                    + " LayerCanvas's LayerNorm normalizes the last axis");
            return;
        }
        if (usedOutputs(n) > 1) {
            problems.add(describe(n) + ": LayerNormalization's mean and deviation outputs are not supported");
            return;
        }
        int width = in.dim(-1);
        Constant scale = constantInput(n, 1, "its scale");
        if (scale == null) {
            return;
        }
        float[] bias = new float[width];
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            Constant b = constantInput(n, 2, "its bias");
            if (b == null) {
                return;
            }
            bias = b.asFloats().clone();
        }
        if (scale.size() != width || bias.length != width) {
            problems.add(describe(n) + ": scale and bias do not fit the last axis of " + in);
            return;
        }
        String id = emit(n, new LayerNorm(attrFloat(n, "epsilon", 1e-5f)), x);
        weights.put(id, List.of(new Tensor("weight", new long[] {width}, scale.asFloats().clone()),
                new Tensor("bias", new long[] {width}, bias)));
    }

    /** Cast of the ids to integers, then Gather of rows of a constant table: an Embedding, as LayerCanvas writes it. */
    private void embedding(NodeProto cast) {
        String x = dynamic(cast, 0);
        NodeProto gather = soleConsumer(cast.getOutput(0));
        Constant table = gather != null && gather.getOpType().equals("Gather") && gather.getInputCount() == 2
                && gather.getInput(1).equals(cast.getOutput(0)) ? constants.get(gather.getInput(0)) : null;
        if (x == null) {
            return;
        }
        if (table == null || table.dims().length != 2 || attrInt(gather, "axis", 0) != 0) {
            problems.add(describe(cast) + ": Cast is supported only as the ids of an embedding (Gather of a constant"
                    + " table)");
            return;
        }
        int vocabulary = (int) table.dims()[0];
        int dim = (int) table.dims()[1];
        String id = add(name(gather), new Embedding(vocabulary, dim), List.of(x));
        values.put(gather.getOutput(0), id);
        done.add(gather);
        weights.put(id, List.of(new Tensor("weight", table.dims().clone(), table.asFloats().clone())));
    }

    /**
     * An LSTM or GRU layer, batch first, as PyTorch and LayerCanvas write it: Transpose to time-major,
     * one ONNX LSTM/GRU per stacked layer (zero initial state), each output's directions joined by
     * Transpose + Reshape (or a Squeeze when there is one), then every step back batch first, or the
     * last step (Gather of index -1 on the time axis).
     */
    private void recurrent(NodeProto transpose) {
        String x = dynamic(transpose, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        NodeProto cell = soleConsumer(transpose.getOutput(0));
        boolean lstm = cell != null && cell.getOpType().equals("LSTM");
        boolean rnn = cell != null && cell.getOpType().equals("RNN");
        String op = cell == null ? "" : cell.getOpType();
        if (cell == null || !(lstm || rnn || op.equals("GRU")) || !perm(transpose, 1, 0, 2) || in.rank() != 2) {
            problems.add(describe(transpose) + ": Transpose is supported only as the time-major input of an LSTM or"
                    + " GRU over (T, F) sequences");
            return;
        }
        List<NodeProto> nodes = new ArrayList<>(List.of(transpose));
        List<Tensor> tensors = new ArrayList<>();
        int hidden = (int) attrInt(cell, "hidden_size", 0);
        String direction = attrString(cell, "direction", "forward");
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        int gates = lstm ? 4 : rnn ? 1 : 3;
        String activation = rnn ? rnnActivation(cell) : null;
        String seq = transpose.getOutput(0);
        int features = in.dim(1);
        int layers = 0;
        while (cell != null && cell.getOpType().equals(op) && cell.getInput(0).equals(seq)) {
            if (!cellSupported(cell, lstm, hidden, direction)
                    || rnn && !java.util.Objects.equals(rnnActivation(cell), activation)) {
                if (rnn && problems.isEmpty()) {
                    problems.add(describe(cell) + ": RNN is supported only with one activation, Tanh or Relu, for"
                            + " every direction and layer");
                }
                return;
            }
            Constant w = constantInput(cell, 1, "W");
            Constant r = constantInput(cell, 2, "R");
            Constant b = cell.getInputCount() > 3 && !cell.getInput(3).isEmpty() ? constantInput(cell, 3, "B") : null;
            if (w == null || r == null || cell.getInputCount() > 3 && !cell.getInput(3).isEmpty() && b == null) {
                return;
            }
            long gh = (long) gates * hidden;
            if (!Arrays.equals(w.dims(), new long[] {dirs, gh, features}) || !Arrays.equals(r.dims(), new long[] {dirs, gh, hidden})
                    || b != null && !Arrays.equals(b.dims(), new long[] {dirs, 2 * gh})) {
                problems.add(describe(cell) + ": weights W " + Arrays.toString(w.dims()) + ", R "
                        + Arrays.toString(r.dims()) + " do not fit " + dirs + " direction(s) of " + hidden + " units over "
                        + features + " features");
                return;
            }
            int[] order = lstm ? LSTM_GATES : rnn ? new int[] {0} : GRU_GATES;
            int block = hidden * features;
            int rblock = hidden * hidden;
            float[] bias = b == null ? new float[(int) (dirs * 2 * gh)] : b.asFloats();
            for (int d = 0; d < dirs; d++) {
                String tail = "_l" + layers + (d == 1 ? "_reverse" : "");
                tensors.add(new Tensor("weight_ih" + tail, new long[] {gh, features},
                        gates(w.asFloats(), d * (int) gh * features, block, order)));
                tensors.add(new Tensor("weight_hh" + tail, new long[] {gh, hidden},
                        gates(r.asFloats(), d * (int) gh * hidden, rblock, order)));
                tensors.add(new Tensor("bias_ih" + tail, new long[] {gh}, gates(bias, d * 2 * (int) gh, hidden, order)));
                tensors.add(new Tensor("bias_hh" + tail, new long[] {gh},
                        gates(bias, d * 2 * (int) gh + (int) gh, hidden, order)));
            }
            nodes.add(cell);
            // Y is (T, directions, N, H): back to (T, N, directions * H)
            NodeProto join = soleConsumer(cell.getOutput(0));
            if (join != null && join.getOpType().equals("Squeeze") && dirs == 1 && squeezesAxis1(join)) {
                nodes.add(join);
                seq = join.getOutput(0);
            } else if (join != null && join.getOpType().equals("Transpose") && perm(join, 0, 2, 1, 3)) {
                NodeProto reshape = soleConsumer(join.getOutput(0));
                Constant to = reshape != null && reshape.getOpType().equals("Reshape")
                        ? constants.get(reshape.getInput(1)) : null;
                if (to == null || !Arrays.equals(to.asLongs(), new long[] {0, 0, -1})
                        && !Arrays.equals(to.asLongs(), new long[] {0, 0, (long) dirs * hidden})) {
                    problems.add(describe(join) + ": the directions of " + name(cell) + " are joined in a way LayerCanvas"
                            + " does not read (Reshape to (0, 0, -1) expected)");
                    return;
                }
                nodes.add(join);
                nodes.add(reshape);
                seq = reshape.getOutput(0);
            } else {
                problems.add(describe(cell) + ": its output is used in a way LayerCanvas does not read (Transpose"
                        + " (0, 2, 1, 3) and Reshape, or Squeeze of axis 1, expected)");
                return;
            }
            features = dirs * hidden;
            layers++;
            cell = soleConsumer(seq);
        }
        // seq is (T, N, D); LayerCanvas's layer gives (N, T, D) or the last step (N, D)
        NodeProto next = soleConsumer(seq);
        boolean returnSequences;
        NodeProto last;
        if (next != null && next.getOpType().equals("Gather") && attrInt(next, "axis", 0) == 0
                && lastStep(next.getInput(1), in.dim(0))) {
            returnSequences = false;
            last = next;
            nodes.add(next);
        } else if (next != null && next.getOpType().equals("Transpose") && perm(next, 1, 0, 2)) {
            nodes.add(next);
            last = next;
            NodeProto gather = soleConsumer(next.getOutput(0));
            returnSequences = !(gather != null && gather.getOpType().equals("Gather") && attrInt(gather, "axis", 0) == 1
                    && lastStep(gather.getInput(1), in.dim(0)));
            if (!returnSequences) {
                nodes.add(gather);
                last = gather;
            }
        } else {
            problems.add(describe(nodes.get(nodes.size() - 1)) + ": the recurrent output is used time-major, which a"
                    + " LayerCanvas layer does not give (Transpose (1, 0, 2) or Gather of the last step expected)");
            return;
        }
        LayerSpec spec = lstm ? new LSTM(hidden, layers, dirs == 2, returnSequences)
                : rnn ? new SimpleRNN(hidden, layers, activation, dirs == 2, returnSequences)
                : new GRU(hidden, layers, dirs == 2, returnSequences);
        String id = add(name(last), spec, List.of(x));
        values.put(last.getOutput(0), id);
        done.addAll(nodes);
        weights.put(id, tensors);
    }

    /** An RNN's activation as LayerCanvas names it ("tanh", ONNX's default, or "relu"), or null. */
    private static String rnnActivation(NodeProto cell) {
        AttributeProto a = attr(cell, "activations");
        if (a == null) {
            return "tanh";
        }
        Set<String> all = new HashSet<>();
        a.getStringsList().forEach(b -> all.add(b.toStringUtf8()));
        if (all.size() != 1) {
            return null;
        }
        return switch (all.iterator().next()) {
            case "Tanh" -> "tanh";
            case "Relu" -> "relu";
            default -> null;
        };
    }

    private boolean cellSupported(NodeProto cell, boolean lstm, int hidden, String direction) {
        String why = null;
        if (attrInt(cell, "hidden_size", 0) != hidden || !attrString(cell, "direction", "forward").equals(direction)) {
            why = "stacked layers of different sizes or directions are not supported";
        } else if (direction.equals("reverse")) {
            why = "a reverse-only recurrent layer is not supported";
        } else if (attrInt(cell, "layout", 0) != 0) {
            why = "layout=1 is not supported";
        } else if (attr(cell, "activations") != null && !cell.getOpType().equals("RNN") || attr(cell, "clip") != null) {
            why = "custom activations or clipping are not supported";
        } else if (lstm && (attrInt(cell, "input_forget", 0) != 0 || present(cell, 7))) {
            why = "peepholes and coupled input-forget gates are not supported";
        } else if (cell.getOpType().equals("GRU") && attrInt(cell, "linear_before_reset", 0) != 1) {
            why = "a GRU with linear_before_reset=0 computes another function than PyTorch's and LayerCanvas's GRU";
        } else if (present(cell, 4)) {
            why = "sequence lengths are not supported";
        } else if (!zeroState(cell, 5) || lstm && !zeroState(cell, 6)) {
            why = "an initial state other than zeros is not supported";
        } else if (usedOutputs(cell) > 1) {
            why = "its last-state outputs Y_h/Y_c are not supported; use the sequence output";
        }
        if (why != null) {
            problems.add(describe(cell) + ": " + cell.getOpType() + ": " + why);
        }
        return why == null;
    }

    private static boolean present(NodeProto n, int input) {
        return n.getInputCount() > input && !n.getInput(input).isEmpty();
    }

    /** Returns whether a recurrent node's initial state input is absent or zeros. */
    private boolean zeroState(NodeProto cell, int input) {
        if (!present(cell, input)) {
            return true;
        }
        Constant c = constants.get(cell.getInput(input));
        if (c != null) {
            for (float v : c.asFloats()) {
                if (v != 0f) {
                    return false;
                }
            }
            return true;
        }
        NodeProto fill = producers.get(cell.getInput(input));
        // PyTorch slices one layer's state out of a zero tensor for all layers
        while (fill != null && Set.of("Slice", "Expand", "Squeeze", "Unsqueeze", "Reshape").contains(fill.getOpType())) {
            fill = producers.get(fill.getInput(0));
        }
        if (fill == null || !fill.getOpType().equals("ConstantOfShape")) {
            return false;
        }
        AttributeProto value = attr(fill, "value");
        if (value != null) {
            try {
                for (float v : Constant.decode(value.getT(), file).asFloats()) {
                    if (v != 0f) {
                        return false;
                    }
                }
            } catch (OnnxImportException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Marks the nodes that only compute a recurrent layer's zero initial state (Shape of the input,
     * Gather of the batch size, ..., ConstantOfShape) as done: the layer starts from zeros anyway.
     */
    private void stateNodes() {
        for (NodeProto n : onnx.getNodeList()) {
            if (!Set.of("LSTM", "GRU", "RNN").contains(n.getOpType())) {
                continue;
            }
            for (int i = 5; i <= 6 && i < n.getInputCount(); i++) {
                if (present(n, i) && zeroState(n, i)) {
                    markState(producers.get(n.getInput(i)));
                }
            }
        }
    }

    private void markState(NodeProto n) {
        if (n == null || done.contains(n) || !STATE_OPERATORS.contains(n.getOpType())) {
            return;
        }
        done.add(n);
        for (String in : n.getInputList()) {
            markState(producers.get(in));
        }
    }

    /**
     * Finds the sizes input of each Resize that is the input's own batch and channels joined with
     * constant spatial sizes, as LayerCanvas and PyTorch write {@code nn.Upsample(size=…)}:
     * Concat(Slice(Shape(x), 0, 2), sizes). Those nodes compute no layer.
     */
    private void resizeSizeNodes() {
        for (NodeProto n : onnx.getNodeList()) {
            if (!n.getOpType().equals("Resize") || !present(n, 3) || constants.containsKey(n.getInput(3))) {
                continue;
            }
            NodeProto concat = producers.get(n.getInput(3));
            if (concat == null || !concat.getOpType().equals("Concat") || concat.getInputCount() != 2) {
                continue;
            }
            NodeProto slice = producers.get(concat.getInput(0));
            Constant spatial = constants.get(concat.getInput(1));
            NodeProto shape = slice == null || !slice.getOpType().equals("Slice") ? null
                    : producers.get(slice.getInput(0));
            if (spatial == null || shape == null || !shape.getOpType().equals("Shape")
                    || !shape.getInput(0).equals(n.getInput(0)) || !slicesFirstTwo(slice)) {
                continue;
            }
            resizeSizes.put(n, spatial.asLongs());
            done.addAll(List.of(concat, slice, shape));
        }
    }

    private boolean slicesFirstTwo(NodeProto slice) {
        Constant starts = present(slice, 1) ? constants.get(slice.getInput(1)) : null;
        Constant ends = present(slice, 2) ? constants.get(slice.getInput(2)) : null;
        return starts != null && ends != null && Arrays.equals(starts.asLongs(), new long[] {0})
                && Arrays.equals(ends.asLongs(), new long[] {2}) && (!present(slice, 3)
                || constants.get(slice.getInput(3)) != null
                && Arrays.equals(constants.get(slice.getInput(3)).asLongs(), new long[] {0}));
    }

    /**
     * Resize as Upsample1d or Upsample2d: nearest with PyTorch's floor of position·in/out
     * (asymmetric, floor), or linear from the pixel centres (half_pixel, pytorch_half_pixel) or with
     * aligned corners; to constant sizes, or by whole constant scales.
     */
    private void resize(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        int rank = in.rank() + 1;
        String mode = attrString(n, "mode", "nearest");
        String coordinates = attrString(n, "coordinate_transformation_mode", "half_pixel");
        boolean nearest = mode.equals("nearest");
        boolean pixelCentres = coordinates.equals("half_pixel") || coordinates.equals("pytorch_half_pixel");
        boolean corners = coordinates.equals("align_corners");
        // PyTorch before 2.x writes no nearest_mode: ONNX's round_prefer_floor, which is the floor
        // PyTorch computes only when each axis at most doubles (a position i/2 rounds down at .5)
        String nearestMode = attrString(n, "nearest_mode", "round_prefer_floor");
        boolean rounds = nearest && nearestMode.equals("round_prefer_floor");
        String why = null;
        if (rank != 3 && rank != 4) {
            why = "only (C, L) and (C, H, W) samples are resized (Upsample1d, Upsample2d); this one is "
                    + in;
        } else if (nearest && !(coordinates.equals("asymmetric") && (nearestMode.equals("floor")
                || nearestMode.equals("round_prefer_floor")))) {
            why = "nearest is imported as PyTorch computes it (coordinate_transformation_mode asymmetric,"
                    + " nearest_mode floor); this node has " + coordinates + ", " + nearestMode;
        } else if (!nearest && !(mode.equals("linear") && (pixelCentres || corners))) {
            why = "mode " + mode + " with coordinate_transformation_mode " + coordinates
                    + " is not supported (nearest, or linear from pixel centres or aligned corners)";
        }
        int spatial = rank - 2;
        int[] scales = new int[spatial];
        int[] sizes = new int[spatial];
        Arrays.fill(scales, 1);
        Constant scaleInput = present(n, 2) ? constants.get(n.getInput(2)) : null;
        Constant sizeInput = present(n, 3) ? constants.get(n.getInput(3)) : null;
        long[] computed = resizeSizes.get(n);
        if (why != null) {
            // said below
        } else if (computed != null || sizeInput != null) {
            long[] given = computed != null ? computed : Arrays.copyOfRange(sizeInput.asLongs(), 2,
                    sizeInput.size());
            if (given.length != spatial) {
                why = "its sizes " + Arrays.toString(given) + " do not give one size per spatial axis";
            } else {
                for (int i = 0; i < spatial; i++) {
                    sizes[i] = (int) given[i];
                }
                Arrays.fill(scales, 2); // the catalog's default; a size overrides it
            }
        } else if (scaleInput != null && scaleInput.size() == rank) {
            float[] f = scaleInput.asFloats();
            for (int i = 0; i < spatial && why == null; i++) {
                float factor = f[i + 2];
                if (factor < 1 || factor != Math.rint(factor)) {
                    why = "scale factor " + tidy(factor) + " is not a whole number of at least 1;"
                            + " Upsample scales by whole factors (give sizes instead)";
                }
                scales[i] = Math.round(factor);
            }
            if (why == null && (f[0] != 1 || f[1] != 1)) {
                why = "it scales the batch or channel axis";
            }
        } else {
            why = "its sizes or scales are neither constants nor the input's batch and channels joined with"
                    + " constant sizes";
        }
        for (int i = 0; i < spatial && why == null && rounds; i++) {
            int out = sizes[i] != 0 ? sizes[i] : in.dim(i + 1) * scales[i];
            if (out != in.dim(i + 1) && out != 2 * in.dim(i + 1)) {
                why = "nearest_mode round_prefer_floor equals PyTorch's floor only where an axis at most"
                        + " doubles; this one goes from " + in.dim(i + 1) + " to " + out;
            }
        }
        if (why != null) {
            problems.add(describe(n) + ": Resize is not supported here: " + why);
            return;
        }
        LayerSpec spec = rank == 3
                ? new Upsample1d(nearest ? "nearest" : "linear", scales[0], sizes[0], corners)
                : new Upsample2d(nearest ? "nearest" : "bilinear", List.of(scales[0], scales[1]),
                        List.of(sizes[0], sizes[1]), corners);
        emit(n, spec, x);
    }

    private boolean lastStep(String index, int steps) {
        Constant c = constants.get(index);
        // a scalar index drops the time axis; [-1] would keep it
        return c != null && c.dims().length == 0 && (c.asLongs()[0] == -1 || c.asLongs()[0] == steps - 1);
    }

    private boolean squeezesAxis1(NodeProto squeeze) {
        if (squeeze.getInputCount() > 1) {
            Constant axes = constants.get(squeeze.getInput(1));
            return axes != null && Arrays.equals(axes.asLongs(), new long[] {1});
        }
        AttributeProto axes = attr(squeeze, "axes");
        return axes != null && axes.getIntsList().equals(List.of(1L));
    }

    /** Returns one direction's gate blocks, starting at {@code at}, in PyTorch's order. */
    private static float[] gates(float[] all, int at, int block, int[] order) {
        float[] out = new float[block * order.length];
        for (int g = 0; g < order.length; g++) {
            System.arraycopy(all, at + order[g] * block, out, g * block, block);
        }
        return out;
    }

    private void softmax(NodeProto n, boolean log) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        int rank = in.rank() + 1;
        long axis = attrInt(n, "axis", opset >= 13 ? -1 : 1);
        long a = axis < 0 ? axis + rank : axis;
        if (a <= 0 || a >= rank) {
            problems.add(describe(n) + ": " + n.getOpType() + " over axis " + axis + " (the batch, or no axis) is not supported");
            return;
        }
        if (opset < 13 && a != rank - 1) {
            problems.add(describe(n) + ": " + n.getOpType() + " before opset 13 over axis " + axis + " of a " + rank
                    + "-D tensor normalizes several axes at once, which LayerCanvas's " + n.getOpType() + " does not");
            return;
        }
        int sampleAxis = axis < 0 ? (int) axis : (int) axis - 1;
        emit(n, log ? new LogSoftmax(sampleAxis) : new Softmax(sampleAxis), x);
    }

    private void pool(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        boolean max = n.getOpType().equals("MaxPool");
        int[] kernel = attrInts(n, "kernel_shape", -1, 0);
        int spatial = kernel.length;
        if (spatial != 1 && spatial != 2) {
            problems.add(describe(n) + ": " + n.getOpType() + " over " + spatial + " axes is not supported (1 or 2 are)");
            return;
        }
        if (in.rank() != spatial + 1) {
            problems.add(describe(n) + ": input of shape " + in + " does not fit a " + spatial + "-D pooling");
            return;
        }
        if (attrInt(n, "ceil_mode", 0) != 0) {
            problems.add(describe(n) + ": " + n.getOpType() + " with ceil_mode=1 is not supported");
            return;
        }
        if (max && usedOutputs(n) > 1) {
            problems.add(describe(n) + ": MaxPool's indices output is not supported");
            return;
        }
        int[] stride = attrInts(n, "strides", spatial, 1);
        int[] dilation = attrInts(n, "dilations", spatial, 1);
        if (Arrays.stream(dilation).anyMatch(d -> d != 1)) {
            problems.add(describe(n) + ": pooling with dilation is not supported");
            return;
        }
        int[] own = pads(n, kernel, stride, dilation);
        if (own == null) {
            return;
        }
        if (!max && Arrays.stream(own).anyMatch(p -> p > 0) && attrInt(n, "count_include_pad", 0) == 0) {
            problems.add(describe(n) + ": AveragePool that leaves its padding out of the average"
                    + " (count_include_pad=0) is not supported; LayerCanvas averages over the padding too");
            return;
        }
        int[] pads = withHandedPads(n, own);
        LayerSpec spec;
        if (spatial == 1) {
            spec = max ? new MaxPool1d(kernel[0], stride[0], pads[0]) : new AvgPool1d(kernel[0], stride[0], pads[0]);
        } else {
            spec = max ? new MaxPool2d(list(kernel), list(stride), list(pads))
                    : new AvgPool2d(list(kernel), list(stride), list(pads));
        }
        emit(n, spec, x);
    }

    private void globalPool(NodeProto n, LayerSpec spec) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        if (in.rank() < 2) {
            problems.add(describe(n) + ": " + n.getOpType() + " needs (C, ...) samples, got " + in);
            return;
        }
        // ONNX keeps the pooled axes as ones; LayerCanvas's global pools drop them, as the Flatten that
        // follows in nearly every model does
        NodeProto next = soleConsumer(n.getOutput(0));
        if (next != null && flattensToChannels(next, in.rank())) {
            String id = add(name(next), spec, List.of(x));
            values.put(next.getOutput(0), id);
            done.add(next);
            return;
        }
        String pooled = add(name(n) + "/pooled", spec, List.of(x));
        int[] kept = new int[in.rank()];
        Arrays.fill(kept, 1);
        kept[0] = in.dim(0);
        String id = add(name(n), new Reshape(Shape.of(kept).toList()), List.of(pooled));
        values.put(n.getOutput(0), id);
    }

    private boolean flattensToChannels(NodeProto next, int sampleRank) {
        if (next.getOpType().equals("Flatten")) {
            return attrInt(next, "axis", 1) == 1;
        }
        if (next.getOpType().equals("Reshape") && next.getInputCount() == 2) {
            Constant s = constants.get(next.getInput(1));
            return s != null && s.size() == 2 && (s.asLongs()[1] == -1 || s.asLongs()[0] == 0 || s.asLongs()[0] == -1
                    || s.asLongs()[0] == batch);
        }
        return false;
    }

    private void flatten(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        long axis = attrInt(n, "axis", 1);
        if (axis < 0) {
            axis += in.rank() + 1;
        }
        if (axis != 1) {
            problems.add(describe(n) + ": Flatten at axis " + attrInt(n, "axis", 1) + " is not supported; LayerCanvas"
                    + " flattens everything but the batch (axis 1)");
            return;
        }
        emit(n, new Flatten(), x);
    }

    private void reshape(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null || groupNorm(n, x, in)) {
            return;
        }
        Constant s = constants.get(n.getInput(1));
        if (s == null) {
            problems.add(describe(n) + ": Reshape to a shape computed at run time is not supported; export with a"
                    + " constant shape (for example torch.flatten(x, 1) instead of x.view(x.size(0), -1))");
            return;
        }
        long[] target = s.asLongs();
        boolean allowZero = attrInt(n, "allowzero", 0) != 0;
        if (target.length < 2 || !(target[0] == 0 && !allowZero || target[0] == -1 || batch > 0 && target[0] == batch)) {
            problems.add(describe(n) + ": Reshape to " + Arrays.toString(target) + " changes the batch axis, which"
                    + " LayerCanvas keeps");
            return;
        }
        List<Integer> sample = new ArrayList<>();
        for (int i = 1; i < target.length; i++) {
            long d = target[i];
            if (d == 0 && !allowZero) {
                if (i - 1 >= in.rank()) {
                    problems.add(describe(n) + ": Reshape copies axis " + i + ", which its input does not have");
                    return;
                }
                d = in.dim(i - 1);
            }
            sample.add((int) d);
        }
        if (target[0] == -1 && sample.contains(-1)) {
            problems.add(describe(n) + ": Reshape to " + Arrays.toString(target) + " leaves the batch size to be"
                    + " inferred together with another axis");
            return;
        }
        emit(n, sample.size() == 1 && in.rank() > 1 ? new Flatten() : new Reshape(sample), x);
    }

    /**
     * GroupNorm and InstanceNorm as PyTorch and LayerCanvas write them before opset 18: Reshape to
     * (N, groups, -1), InstanceNormalization with unit scale and zero shift, Reshape back, then (affine)
     * Mul and Add of one constant per channel. Returns false, adding nothing, when it is not that pattern.
     */
    private boolean groupNorm(NodeProto grouping, String x, Shape in) {
        Constant to = constants.get(grouping.getInput(1));
        NodeProto norm = soleConsumer(grouping.getOutput(0));
        if (to == null || to.size() != 3 || to.asLongs()[0] != 0 || to.asLongs()[2] != -1 || norm == null
                || !norm.getOpType().equals("InstanceNormalization") || in.rank() < 1) {
            return false;
        }
        int groups = (int) to.asLongs()[1];
        int channels = in.dim(0);
        Constant scale = constants.get(norm.getInput(1));
        Constant shift = constants.get(norm.getInput(2));
        NodeProto back = soleConsumer(norm.getOutput(0));
        boolean reshapesBack = back != null && back.getOpType().equals("Reshape");
        Constant backTo = reshapesBack ? constants.get(back.getInput(1)) : null;
        // with a dynamic batch PyTorch reshapes back to the input's own shape: Reshape(y, Shape(x))
        NodeProto shapeOfInput = reshapesBack ? producers.get(back.getInput(1)) : null;
        boolean toInputShape = shapeOfInput != null && shapeOfInput.getOpType().equals("Shape")
                && shapeOfInput.getInput(0).equals(grouping.getInput(0)) && shapeOfInput.getAttributeCount() == 0;
        if (groups <= 0 || channels % groups != 0 || scale == null || shift == null || scale.size() != groups
                || shift.size() != groups || !toInputShape && (backTo == null || backTo.size() != in.rank() + 1)) {
            return false;
        }
        for (int i = 0; i < groups; i++) {
            if (scale.asFloats()[i] != 1f || shift.asFloats()[i] != 0f) {
                return false;
            }
        }
        for (int i = 0; i < in.rank() && !toInputShape; i++) {
            if (backTo.asLongs()[i + 1] != in.dim(i)) {
                return false;
            }
        }
        List<NodeProto> nodes = new ArrayList<>(List.of(grouping, norm, back));
        if (toInputShape) {
            nodes.add(shapeOfInput);
        }
        NodeProto last = back;
        List<Tensor> tensors = new ArrayList<>();
        NodeProto mul = soleConsumer(back.getOutput(0));
        NodeProto addNode = mul != null && mul.getOpType().equals("Mul") ? soleConsumer(mul.getOutput(0)) : null;
        if (addNode != null && addNode.getOpType().equals("Add") && mul.getInputCount() == 2
                && addNode.getInputCount() == 2) {
            String wName = mul.getInput(0).equals(back.getOutput(0)) ? mul.getInput(1) : mul.getInput(0);
            String bName = addNode.getInput(0).equals(mul.getOutput(0)) ? addNode.getInput(1) : addNode.getInput(0);
            Constant w = constants.get(wName);
            Constant b = constants.get(bName);
            if (w != null && b != null && w.size() == channels && b.size() == channels && w.dims().length == in.rank()
                    && b.dims().length == in.rank()) {
                tensors.add(new Tensor("weight", new long[] {channels}, w.asFloats().clone()));
                tensors.add(new Tensor("bias", new long[] {channels}, b.asFloats().clone()));
                nodes.add(mul);
                nodes.add(addNode);
                last = addNode;
            }
        }
        double epsilon = attrFloat(norm, "epsilon", 1e-5f);
        boolean affine = !tensors.isEmpty();
        LayerSpec spec = groups == channels && in.rank() > 1 ? new InstanceNorm(epsilon, affine)
                : new GroupNorm(groups, epsilon, affine);
        String id = add(name(last), spec, List.of(x));
        values.put(last.getOutput(0), id);
        done.addAll(nodes);
        if (affine) {
            weights.put(id, tensors);
        }
        return true;
    }

    private void concat(NodeProto n) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            String v = dynamic(n, i);
            if (v == null) {
                return;
            }
            in.add(v);
        }
        Shape first = shape(in.get(0));
        if (first == null) {
            return;
        }
        long axis = attrInt(n, "axis", 1);
        long a = axis < 0 ? axis + first.rank() + 1 : axis;
        if (a <= 0) {
            problems.add(describe(n) + ": Concat along the batch axis is not supported");
            return;
        }
        String id = add(name(n), new Concat(axis < 0 ? (int) axis : (int) axis - 1), in);
        values.put(n.getOutput(0), id);
    }

    private void dropout(NodeProto n) {
        String x = dynamic(n, 0);
        if (x == null) {
            return;
        }
        if (usedOutputs(n) > 1) {
            problems.add(describe(n) + ": Dropout's mask output is not supported");
            return;
        }
        double rate = attrFloat(n, "ratio", 0.5f);
        if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            Constant r = constants.get(n.getInput(1));
            if (r == null) {
                problems.add(describe(n) + ": Dropout's ratio must be a constant");
                return;
            }
            rate = tidy(r.asFloats()[0]);
        }
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            Constant training = constants.get(n.getInput(2));
            if (training == null || training.asLongs()[0] != 0) {
                problems.add(describe(n) + ": Dropout in training mode is not supported; export in eval mode");
                return;
            }
        }
        emit(n, new Dropout(rate), x);
    }

    /**
     * A Pad of zeros on the spatial axes: nothing when it pads nothing (PyTorch writes one before every
     * average pooling), else handed on to the convolution or average pooling it feeds.
     */
    private void pad(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        Constant pc = n.getInputCount() > 1 ? constants.get(n.getInput(1)) : null;
        if (pc == null) {
            problems.add(describe(n) + ": Pad with sizes computed at run time is not supported");
            return;
        }
        long[] p = pc.asLongs();
        int rank = in.rank() + 1;
        if (p.length != 2 * rank) {
            problems.add(describe(n) + ": pads " + Arrays.toString(p) + " do not fit a " + rank + "-D input");
            return;
        }
        if (Arrays.stream(p).allMatch(v -> v == 0)) {
            values.put(n.getOutput(0), x);
            return;
        }
        Constant value = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? constants.get(n.getInput(2)) : null;
        boolean zeros = attrString(n, "mode", "constant").equals("constant")
                && (value == null || value.asFloats()[0] == 0f);
        int[] spatial = new int[rank - 2];
        boolean symmetric = p[0] == 0 && p[rank] == 0 && p[1] == 0 && p[rank + 1] == 0;
        for (int i = 0; i < spatial.length; i++) {
            symmetric &= p[i + 2] == p[i + 2 + rank];
            spatial[i] = (int) p[i + 2];
        }
        NodeProto next = soleConsumer(n.getOutput(0));
        boolean feedsWindow = next != null && (next.getOpType().equals("Conv") || next.getOpType().equals("AveragePool"));
        boolean spatialOnly = p[0] == 0 && p[rank] == 0 && p[1] == 0 && p[rank + 1] == 0
                && Arrays.stream(p).allMatch(v -> v >= 0);
        if (zeros && spatialOnly && !(symmetric && feedsWindow) && (rank == 3 || rank == 4)) {
            emit(n, rank == 3 ? new ZeroPad1d((int) p[2], (int) p[5])
                    : new ZeroPad2d((int) p[2], (int) p[6], (int) p[3], (int) p[7]), x);
            return;
        }
        if (!zeros || !symmetric || !feedsWindow) {
            problems.add(describe(n) + ": Pad is supported only as zero padding of the spatial axes of (C, L) or"
                    + " (C, H, W) samples, or before a Conv or AveragePool");
            return;
        }
        handedPads.put(next, spatial);
        values.put(n.getOutput(0), x);
    }

    /** Clip to [0, 6] (the bounds as inputs from opset 11, as attributes before): ReLU6. */
    private void clip(NodeProto n) {
        String x = dynamic(n, 0);
        if (x == null) {
            return;
        }
        double lo;
        double hi;
        if (n.getInputCount() > 1 || attr(n, "min") == null && attr(n, "max") == null) {
            Constant a = present(n, 1) ? constants.get(n.getInput(1)) : null;
            Constant b = present(n, 2) ? constants.get(n.getInput(2)) : null;
            lo = a == null ? Double.NaN : a.asFloats()[0];
            hi = b == null ? Double.NaN : b.asFloats()[0];
        } else {
            lo = attrFloatRaw(n, "min", Float.NaN);
            hi = attrFloatRaw(n, "max", Float.NaN);
        }
        if (lo != 0 || hi != 6) {
            problems.add(describe(n) + ": Clip is supported only to [0, 6] (ReLU6)");
            return;
        }
        emit(n, new ReLU6(), x);
    }

    /** HardSigmoid with PyTorch's alpha 1/6 and beta 0.5 (ONNX's default alpha 0.2 is another function). */
    private void hardSigmoid(NodeProto n) {
        String x = dynamic(n, 0);
        if (x == null) {
            return;
        }
        if (Math.abs(attrFloatRaw(n, "alpha", 0.2f) - 1 / 6.0) > 1e-6 || attrFloatRaw(n, "beta", 0.5f) != 0.5f) {
            problems.add(describe(n) + ": HardSigmoid is supported only with alpha 1/6 and beta 0.5 (PyTorch's)");
            return;
        }
        emit(n, new Hardsigmoid(), x);
    }

    /** PRelu with one constant slope, or one per channel (C, or C followed by ones). */
    private void prelu(NodeProto n) {
        String x = dynamic(n, 0);
        Constant slope = constantInput(n, 1, "its slope");
        Shape in = x == null || slope == null ? null : shape(x);
        if (in == null) {
            return;
        }
        long[] d = slope.dims();
        boolean one = slope.size() == 1;
        boolean perChannel = !one && d.length >= 1 && d.length <= in.rank() && d[0] == in.dim(0)
                && Arrays.stream(d, 1, d.length).allMatch(v -> v == 1) && slope.size() == in.dim(0);
        if (!one && !perChannel) {
            problems.add(describe(n) + ": PRelu slope " + Arrays.toString(d) + " is neither one value nor one per"
                    + " channel of " + in);
            return;
        }
        String id = emit(n, new PReLU(perChannel), x);
        weights.put(id, List.of(new Tensor("weight", new long[] {slope.size()}, slope.asFloats().clone())));
    }

    /** Mul of computed values, chained as ((a·b)·c) when only the next Mul uses a product: Multiply. */
    private void multiply(NodeProto n) {
        if (n.getInputCount() != 2 || !values.containsKey(n.getInput(0)) || !values.containsKey(n.getInput(1))) {
            problems.add(describe(n) + ": Mul is supported only of two computed values, or where it writes out"
                    + " GELU, SiLU or Mish");
            return;
        }
        List<String> in = new ArrayList<>(List.of(values.get(n.getInput(0)), values.get(n.getInput(1))));
        NodeProto last = n;
        for (NodeProto next = soleConsumer(n.getOutput(0)); next != null && next.getOpType().equals("Mul")
                && next.getInputCount() == 2 && next.getInput(0).equals(last.getOutput(0))
                && values.containsKey(next.getInput(1)) && !fusions.containsKey(next);
                next = soleConsumer(next.getOutput(0))) {
            in.add(values.get(next.getInput(1)));
            done.add(next);
            last = next;
        }
        String id = add(name(last), new Multiply(), in);
        values.put(last.getOutput(0), id);
    }

    /** An element-wise merge of computed values ({@code arity} -1: two or more). */
    private void merge(NodeProto n, LayerSpec spec, int arity) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            if (!values.containsKey(n.getInput(i))) {
                problems.add(describe(n) + ": " + n.getOpType() + " of a constant is not supported; LayerCanvas's "
                        + spec.getClass().getSimpleName() + " merges computed values");
                return;
            }
            in.add(values.get(n.getInput(i)));
        }
        if (in.size() == 1 && arity == -1) {
            values.put(n.getOutput(0), in.get(0));
            return;
        }
        if (arity != -1 && in.size() != arity || in.size() < 2) {
            problems.add(describe(n) + ": " + n.getOpType() + " of " + in.size() + " values is not supported");
            return;
        }
        String id = add(name(n), spec, in);
        values.put(n.getOutput(0), id);
    }

    /** Returns the axes of a Reduce, Squeeze or Unsqueeze (input 1 or the attribute), or null. */
    private long[] axes(NodeProto n) {
        if (present(n, 1)) {
            Constant c = constants.get(n.getInput(1));
            return c == null ? null : c.asLongs();
        }
        AttributeProto a = attr(n, "axes");
        return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private void reduce(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        long[] axes = axes(n);
        int rank = in.rank() + 1;
        List<Integer> sample = new ArrayList<>();
        for (long a : axes == null ? new long[0] : axes) {
            long b = a < 0 ? a + rank : a;
            if (b <= 0 || b >= rank) {
                sample.clear();
                break;
            }
            sample.add((int) b - 1);
        }
        if (sample.isEmpty()) {
            problems.add(describe(n) + ": " + n.getOpType() + " over " + (axes == null ? "every axis"
                    : "axes " + Arrays.toString(axes)) + " is not supported; LayerCanvas reduces constant axes"
                    + " other than the batch");
            return;
        }
        String op = switch (n.getOpType()) {
            case "ReduceSum" -> "sum";
            case "ReduceMax" -> "max";
            default -> "mean";
        };
        emit(n, new Reduce(op, sample, attrInt(n, "keepdims", 1) != 0), x);
    }

    private void squeeze(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        boolean squeeze = n.getOpType().equals("Squeeze");
        long[] axes = axes(n);
        int rank = in.rank() + 1 + (squeeze ? 0 : 1);
        long a = axes != null && axes.length == 1 ? (axes[0] < 0 ? axes[0] + rank : axes[0]) : 0;
        if (a <= 0 || a >= rank) {
            problems.add(describe(n) + ": " + n.getOpType() + " is supported only of one constant axis other than"
                    + " the batch");
            return;
        }
        emit(n, squeeze ? new Squeeze((int) a - 1) : new Unsqueeze((int) a - 1), x);
    }

    /** Transpose to time-major before a recurrent layer, else one that keeps the batch first: Permute. */
    private void transpose(NodeProto n) {
        NodeProto next = soleConsumer(n.getOutput(0));
        if (next != null && Set.of("LSTM", "GRU", "RNN").contains(next.getOpType())) {
            recurrent(n);
            return;
        }
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        int[] perm = attrInts(n, "perm", -1, 0);
        if (perm.length == 0) {
            perm = new int[in.rank() + 1];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = perm.length - 1 - i;
            }
        }
        if (perm.length != in.rank() + 1 || perm[0] != 0) {
            boolean attention = Arrays.equals(perm, new int[] {1, 0, 2})
                    && onnx.getNodeList().stream().anyMatch(node -> node.getOpType().equals("Softmax"));
            problems.add(describe(n) + ": Transpose " + Arrays.toString(perm) + " moves the batch axis, which"
                    + " LayerCanvas keeps first" + (attention ? "; PyTorch writes nn.MultiheadAttention and"
                    + " nn.TransformerEncoder this way (time-major), which LayerCanvas does not import yet: export"
                    + " attention from LayerCanvas, or see docs/onnx-import.md" : ""));
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i < perm.length; i++) {
            order.add(perm[i] - 1);
        }
        emit(n, new Permute(order), x);
    }

    /** Slice with constant bounds of the spatial axes of (C, L) or (C, H, W) samples, step 1: Crop1d/2d. */
    private void slice(NodeProto n) {
        String x = dynamic(n, 0);
        Shape in = x == null ? null : shape(x);
        if (in == null) {
            return;
        }
        Constant starts = present(n, 1) ? constants.get(n.getInput(1)) : null;
        Constant ends = present(n, 2) ? constants.get(n.getInput(2)) : null;
        Constant axesC = present(n, 3) ? constants.get(n.getInput(3)) : null;
        Constant steps = present(n, 4) ? constants.get(n.getInput(4)) : null;
        int rank = in.rank() + 1;
        String why = null;
        int[] before = new int[rank - 2];
        int[] after = new int[rank - 2];
        if (starts == null || ends == null || present(n, 3) && axesC == null || present(n, 4) && steps == null
                || rank != 3 && rank != 4) {
            why = "constant bounds of (C, L) or (C, H, W) samples are needed";
        } else {
            long[] s0 = starts.asLongs();
            long[] e0 = ends.asLongs();
            long[] ax = axesC == null ? java.util.stream.LongStream.range(0, s0.length).toArray() : axesC.asLongs();
            for (int i = 0; i < ax.length && why == null; i++) {
                long a = ax[i] < 0 ? ax[i] + rank : ax[i];
                long size = a >= 1 && a < rank ? in.dim((int) a - 1) : 0;
                long st = s0[i] < 0 ? s0[i] + size : s0[i];
                long en = e0[i] < 0 ? e0[i] + size : Math.min(e0[i], size);
                if (a < 2 || a >= rank || steps != null && steps.asLongs()[i] != 1 || st < 0 || en <= st) {
                    why = "only a crop of the spatial axes with step 1 is";
                } else {
                    before[(int) a - 2] = (int) st;
                    after[(int) a - 2] = (int) (size - en);
                }
            }
        }
        if (why != null) {
            problems.add(describe(n) + ": Slice is not supported here: " + why + " (Crop1d, Crop2d)");
            return;
        }
        emit(n, rank == 3 ? new Crop1d(before[0], after[0]) : new Crop2d(before[0], after[0], before[1], after[1]), x);
    }

    private void convTranspose(NodeProto n) {
        String x = dynamic(n, 0);
        Constant w = constantInput(n, 1, "its weight");
        Shape in = x == null || w == null ? null : shape(x);
        if (in == null) {
            return;
        }
        int spatial = w.dims().length - 2;
        if ((spatial != 1 && spatial != 2) || in.rank() != spatial + 1) {
            problems.add(describe(n) + ": a ConvTranspose with weight " + Arrays.toString(w.dims()) + " on input "
                    + in + " is not supported (1-D and 2-D are)");
            return;
        }
        if (attr(n, "output_shape") != null || !attrString(n, "auto_pad", "NOTSET").equals("NOTSET")) {
            problems.add(describe(n) + ": ConvTranspose with output_shape or auto_pad is not supported; give pads"
                    + " and output_padding");
            return;
        }
        int groups = (int) attrInt(n, "group", 1);
        int filters = (int) w.dims()[1] * groups;
        int[] kernel = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            kernel[i] = (int) w.dims()[i + 2];
        }
        int[] stride = attrInts(n, "strides", spatial, 1);
        int[] dilation = attrInts(n, "dilations", spatial, 1);
        int[] outPad = attrInts(n, "output_padding", spatial, 0);
        int[] pads = pads(n, kernel, stride, dilation);
        if (pads == null) {
            return;
        }
        Constant b = present(n, 2) ? constantInput(n, 2, "its bias") : null;
        if (present(n, 2) && b == null) {
            return;
        }
        LayerSpec spec = spatial == 1
                ? new ConvTranspose1d(filters, kernel[0], stride[0], pads[0], outPad[0], dilation[0], groups, b != null)
                : new ConvTranspose2d(filters, list(kernel), list(stride), list(pads), list(outPad), list(dilation),
                        groups, b != null);
        emitWithWeights(n, spec, x, w, b, filters);
    }

    /** Adds a convolution's layer with its weight and optional bias, or says the bias does not fit its filters. */
    private void emitWithWeights(NodeProto n, LayerSpec spec, String x, Constant w, Constant b, int filters) {
        List<Tensor> tensors = new ArrayList<>(List.of(new Tensor("weight", w.dims().clone(), w.asFloats().clone())));
        if (b != null) {
            if (b.size() != filters) {
                problems.add(describe(n) + ": bias of " + b.size() + " values for " + filters + " filters");
                return;
            }
            tensors.add(new Tensor("bias", new long[] {filters}, b.asFloats().clone()));
        }
        weights.put(emit(n, spec, x), tensors);
    }

    private int[] withHandedPads(NodeProto n, int[] pads) {
        int[] handed = handedPads.get(n);
        if (handed == null || handed.length != pads.length) {
            return pads;
        }
        int[] sum = pads.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += handed[i];
        }
        return sum;
    }

    // ---- patterns of several nodes for one layer

    /** Adds the layer several nodes compute, once its last node is reached and all its inputs are known. */
    private void fused(LayerPatterns.Fusion f) {
        if (!f.inputs().stream().allMatch(values::containsKey)) {
            return; // follows a node that could not be mapped, which is reported already
        }
        List<String> in = f.inputs().stream().map(values::get).toList();
        Shape shape = shape(in.get(0));
        if (shape == null) {
            return;
        }
        if (!f.fits().test(shape)) {
            problems.add(describe(f.last()) + ": " + f.spec().getClass().getSimpleName() + " written out for an input "
                    + f.expects() + " follows an input of shape " + shape);
            return;
        }
        String id = add(f.name(), f.spec(), in);
        List<Tensor> tensors = f.weights().apply(shape);
        if (!tensors.isEmpty()) {
            weights.put(id, tensors);
        }
        values.put(f.last().getOutput(0), id);
        done.addAll(f.nodes());
    }

    // ---- layers and values

    private String emit(NodeProto n, LayerSpec spec, String input) {
        String id = add(name(n), spec, List.of(input));
        values.put(n.getOutput(0), id);
        return id;
    }

    private String add(String name, LayerSpec spec, List<String> inputs) {
        String id = "n" + (layers.size() + 1);
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + "_" + i;
        }
        layers.add(new LayerNode(id, unique, spec, Position.ORIGIN));
        for (int i = 0; i < inputs.size(); i++) {
            edges.add(new Edge(inputs.get(i), id, i));
        }
        analysis = null;
        return id;
    }

    private Shape shape(String id) {
        if (analysis == null) {
            analysis = Analysis.of(Graph.of(layers, edges));
        }
        Shape s = analysis.knows(id) ? analysis.shape(id) : null;
        if (s == null) {
            LayerNode node = layers.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
            String why = analysis.diagnosticsOf(id).stream().map(d -> d.message()).findFirst().orElse("no shape");
            problems.add("layer '" + node.name() + "' (" + node.kind() + "): " + why);
        }
        return s;
    }

    /** Returns the layer computing input {@code i}, or null (with a problem) when it is a constant. */
    private String dynamic(NodeProto n, int i) {
        String v = values.get(n.getInput(i));
        if (v == null) {
            problems.add(describe(n) + ": input '" + n.getInput(i) + "' of " + n.getOpType() + " is a constant;"
                    + " LayerCanvas needs it computed from the model's input");
        }
        return v;
    }

    private Constant constantInput(NodeProto n, int i, String what) {
        Constant c = i < n.getInputCount() ? constants.get(n.getInput(i)) : null;
        if (c == null) {
            problems.add(describe(n) + ": " + what + " is not a constant; LayerCanvas imports "
                    + n.getOpType() + " with constant weights only");
        }
        return c;
    }

    private void constant(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            Constant c = switch (a.getName()) {
                case "value" -> {
                    try {
                        yield Constant.decode(a.getT(), file + ": " + describe(n));
                    } catch (OnnxImportException e) {
                        problems.add(e.getMessage());
                        yield null;
                    }
                }
                case "value_float" -> new Constant(new long[0], new float[] {a.getF()}, null);
                case "value_floats" -> new Constant(new long[] {a.getFloatsCount()}, floats(a), null);
                case "value_int" -> new Constant(new long[0], null, new long[] {a.getI()});
                case "value_ints" -> new Constant(new long[] {a.getIntsCount()}, null,
                        a.getIntsList().stream().mapToLong(Long::longValue).toArray());
                default -> null;
            };
            if (c != null) {
                constants.put(n.getOutput(0), c);
                return;
            }
        }
        problems.add(describe(n) + ": a Constant whose value is not a tensor or numbers is not supported");
    }

    private NodeProto soleConsumer(String value) {
        return nodes.soleConsumer(value);
    }

    private int usedOutputs(NodeProto n) {
        int used = 0;
        for (String o : n.getOutputList()) {
            if (!o.isEmpty() && (consumers.containsKey(o)
                    || onnx.getOutputList().stream().anyMatch(v -> v.getName().equals(o)))) {
                used++;
            }
        }
        return used;
    }

    // ---- attributes

    private static float attrFloatRaw(NodeProto n, String name, float fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getF();
    }

    /** ONNX keeps attributes as 32-bit floats: 1e-5 comes back as 1e-5, not 9.99999974737875e-6. */
    private static double attrFloat(NodeProto n, String name, float fallback) {
        return tidy(attrFloatRaw(n, name, fallback));
    }

    private static String attrString(NodeProto n, String name, String fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** Returns an ints attribute, or {@code count} copies of {@code fallback} (none when count is -1). */
    private static int[] attrInts(NodeProto n, String name, int count, int fallback) {
        AttributeProto a = attr(n, name);
        if (a == null) {
            int[] f = new int[Math.max(count, 0)];
            Arrays.fill(f, fallback);
            return f;
        }
        return a.getIntsList().stream().mapToInt(Long::intValue).toArray();
    }

    /** Returns the symmetric padding per spatial axis, or null (with a problem) when it is not symmetric. */
    private int[] pads(NodeProto n, int[] kernel, int[] stride, int[] dilation) {
        int spatial = kernel.length;
        String auto = attrString(n, "auto_pad", "NOTSET");
        int[] pads = new int[spatial];
        switch (auto) {
            case "NOTSET" -> {
                int[] both = attrInts(n, "pads", 2 * spatial, 0);
                if (both.length != 2 * spatial) {
                    problems.add(describe(n) + ": pads " + Arrays.toString(both) + " do not fit " + spatial + " axes");
                    return null;
                }
                for (int i = 0; i < spatial; i++) {
                    if (both[i] != both[i + spatial]) {
                        problems.add(describe(n) + ": padding " + Arrays.toString(both) + " differs at the start and"
                                + " the end of an axis; LayerCanvas pads both ends alike");
                        return null;
                    }
                    pads[i] = both[i];
                }
            }
            case "VALID" -> {
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                for (int i = 0; i < spatial; i++) {
                    int span = dilation[i] * (kernel[i] - 1);
                    if (stride[i] != 1 || span % 2 != 0) {
                        problems.add(describe(n) + ": auto_pad " + auto + " with this kernel and stride pads the ends"
                                + " of an axis unequally; LayerCanvas pads both ends alike");
                        return null;
                    }
                    pads[i] = span / 2;
                }
            }
            default -> {
                problems.add(describe(n) + ": auto_pad " + auto + " is not an ONNX padding mode");
                return null;
            }
        }
        return pads;
    }

    /** Writes padding as a person would: {@code same} when it keeps sizes, else the sizes. */
    private static String paddingText(int[] kernel, int[] stride, int[] dilation, int[] pads) {
        boolean same = Arrays.stream(pads).anyMatch(p -> p > 0);
        for (int i = 0; i < kernel.length && same; i++) {
            same = stride[i] == 1 && dilation[i] * (kernel[i] - 1) == 2 * pads[i];
        }
        if (same) {
            return "same";
        }
        if (Arrays.stream(pads).distinct().count() == 1) {
            return String.valueOf(pads[0]);
        }
        return String.join(",", Arrays.stream(pads).mapToObj(String::valueOf).toList());
    }

    // ---- small helpers

    private boolean rank(NodeProto n, Shape in, int expected, String what) {
        if (in.rank() != expected) {
            problems.add(describe(n) + ": " + n.getOpType() + " on input of shape " + in + " is not supported; it"
                    + " needs " + what);
            return false;
        }
        return true;
    }

    private boolean rank(NodeProto n, Constant c, int expected, String what) {
        if (c.dims().length != expected) {
            problems.add(describe(n) + ": " + what + " has dimensions " + Arrays.toString(c.dims()) + "; "
                    + expected + " axes are needed");
            return false;
        }
        return true;
    }

    private float[] broadcast(NodeProto n, Constant c, int units) {
        if (c.size() == units) {
            return c.asFloats().clone();
        }
        if (c.size() == 1) {
            float[] b = new float[units];
            Arrays.fill(b, c.asFloats()[0]);
            return b;
        }
        problems.add(describe(n) + ": bias C " + Arrays.toString(c.dims()) + " does not fit " + units + " outputs");
        return null;
    }

    private static void scale(float[] values, float by) {
        if (by != 1f) {
            for (int i = 0; i < values.length; i++) {
                values[i] *= by;
            }
        }
    }

    private static float[] floats(AttributeProto a) {
        float[] f = new float[a.getFloatsCount()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.getFloats(i);
        }
        return f;
    }

    private static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private String name(NodeProto n) {
        if (!n.getName().isEmpty()) {
            return n.getName();
        }
        return n.getOpType() + "_" + onnx.getNodeList().indexOf(n);
    }

    private String describe(NodeProto n) {
        return "node '" + name(n) + "'";
    }
}
