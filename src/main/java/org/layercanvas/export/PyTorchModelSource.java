package org.layercanvas.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.layercanvas.graph.Add;
import org.layercanvas.graph.TransformerEncoder;
import org.layercanvas.graph.MultiHeadAttention;
import org.layercanvas.graph.PositionalEmbedding;
import org.layercanvas.graph.SimpleRNN;
import org.layercanvas.graph.Permute;
import org.layercanvas.graph.Reduce;
import org.layercanvas.graph.Squeeze;
import org.layercanvas.graph.Unsqueeze;
import org.layercanvas.graph.GroupNorm;
import org.layercanvas.graph.InstanceNorm;
import org.layercanvas.graph.AdaptiveAvgPool2d;
import org.layercanvas.graph.Border;
import org.layercanvas.graph.Crop1d;
import org.layercanvas.graph.Crop2d;
import org.layercanvas.graph.Upsample;
import org.layercanvas.graph.Upsample1d;
import org.layercanvas.graph.Upsample2d;
import org.layercanvas.graph.ZeroPad1d;
import org.layercanvas.graph.ZeroPad2d;
import org.layercanvas.graph.Average;
import org.layercanvas.graph.Hardsigmoid;
import org.layercanvas.graph.Hardswish;
import org.layercanvas.graph.Identity;
import org.layercanvas.graph.LogSoftmax;
import org.layercanvas.graph.Maximum;
import org.layercanvas.graph.Multiply;
import org.layercanvas.graph.PReLU;
import org.layercanvas.graph.ReLU6;
import org.layercanvas.graph.Softplus;
import org.layercanvas.graph.Subtract;
import org.layercanvas.graph.AvgPool1d;
import org.layercanvas.graph.AvgPool2d;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Concat;
import org.layercanvas.graph.ConvTranspose;
import org.layercanvas.graph.ConvTranspose1d;
import org.layercanvas.graph.ConvTranspose2d;
import org.layercanvas.graph.Conv1d;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Convolution;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Dropout;
import org.layercanvas.graph.ELU;
import org.layercanvas.graph.Embedding;
import org.layercanvas.graph.Flatten;
import org.layercanvas.graph.GELU;
import org.layercanvas.graph.GRU;
import org.layercanvas.graph.GlobalAvgPool;
import org.layercanvas.graph.GlobalMaxPool;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.LayerInputs;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerNorm;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LeakyReLU;
import org.layercanvas.graph.MaxPool1d;
import org.layercanvas.graph.MaxPool2d;
import org.layercanvas.graph.Mish;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Pooling;
import org.layercanvas.graph.Recurrent;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.Reshape;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.SiLU;
import org.layercanvas.graph.Sigmoid;
import org.layercanvas.graph.Softmax;
import org.layercanvas.graph.Tanh;

/**
 * Writes a design as a readable PyTorch module ({@code model.py}): one attribute per node, named by
 * {@link ExportNames}, built in {@code __init__} one line per layer, and a {@code forward} that
 * follows the graph in the order the layers run. Each layer computes exactly what the engine's block
 * for it computes (batch first, channels first). A block instance becomes a plain {@code nn.Module}
 * holding its layers, a repeated one an {@code nn.ModuleDict} of its numbered copies, so the state
 * dict's keys read as the layers' paths ({@code stage2.block1.conv2.weight}); forward stays one flat
 * sequence of calls.
 */
final class PyTorchModelSource {
    /** The few small modules PyTorch lacks, written into model.py only when the design uses them. */
    private static final Map<String, String> HELPERS = withMoreHelpers(Map.of(
            "Add", """
                    class Add(nn.Module):
                        \"""Sums its inputs, which have the same shape.\"""

                        def forward(self, *xs):
                            total = xs[0]
                            for x in xs[1:]:
                                total = total + x
                            return total
                    """,
            "Concat", """
                    class Concat(nn.Module):
                        \"""Joins its inputs along one axis (counting the batch axis as 0).\"""

                        def __init__(self, dim):
                            super().__init__()
                            self.dim = dim

                        def forward(self, *xs):
                            return torch.cat(xs, dim=self.dim)

                        def extra_repr(self):
                            return f"dim={self.dim}"
                    """,
            "GlobalAvgPool", """
                    class GlobalAvgPool(nn.Module):
                        \"""Averages each channel over all its positions: (N, C, ...) -> (N, C).\"""

                        def forward(self, x):
                            return x.reshape(x.shape[0], x.shape[1], -1).mean(dim=2)
                    """,
            "GlobalMaxPool", """
                    class GlobalMaxPool(nn.Module):
                        \"""Takes each channel's largest value over all its positions: (N, C, ...) -> (N, C).\"""

                        def forward(self, x):
                            return x.reshape(x.shape[0], x.shape[1], -1).amax(dim=2)
                    """,
            "Reshape", """
                    class Reshape(nn.Module):
                        \"""Gives each sample another shape; the batch axis stays.\"""

                        def __init__(self, *shape):
                            super().__init__()
                            self.shape = shape

                        def forward(self, x):
                            return x.reshape(x.shape[0], *self.shape)

                        def extra_repr(self):
                            return f"shape={self.shape}"
                    """,
            "TokenEmbedding", """
                    class TokenEmbedding(nn.Embedding):
                        \"""An embedding whose token ids may arrive as floats (as they do from a data file).\"""

                        def forward(self, ids):
                            return super().forward(ids.long())
                    """,
            "SequenceLSTM", recurrent("LSTM"),
            "SequenceGRU", recurrent("GRU"), "SequenceRNN", recurrent("RNN")));

    private static final Map<Class<?>, Translation<?>> TRANSLATIONS = translations();

    private static Map<Class<?>, Translation<?>> translations() {
        Map<Class<?>, Translation<?>> t = new HashMap<>();
        on(t, Input.class, (s, in) -> "nn.Identity()");
        on(t, Output.class, (s, in) -> "nn.Identity()");
        on(t, Dense.class, (s, in) -> "nn.Linear(" + in.dim(-1) + ", " + s.units()
                + (s.bias() ? "" : ", bias=False") + ")");
        on(t, Embedding.class, (s, in) -> "TokenEmbedding(" + s.vocabulary() + ", " + s.dim() + ")");
        on(t, Conv1d.class, PyTorchModelSource::convolution);
        on(t, Conv2d.class, PyTorchModelSource::convolution);
        on(t, ConvTranspose1d.class, PyTorchModelSource::transposedConvolution);
        on(t, ConvTranspose2d.class, PyTorchModelSource::transposedConvolution);
        on(t, MaxPool1d.class, (s, in) -> pooling("nn.MaxPool1d", s));
        on(t, MaxPool2d.class, (s, in) -> pooling("nn.MaxPool2d", s));
        // count_include_pad=True is PyTorch's default and what the engine's average pooling does
        on(t, AvgPool1d.class, (s, in) -> pooling("nn.AvgPool1d", s));
        on(t, AvgPool2d.class, (s, in) -> pooling("nn.AvgPool2d", s));
        on(t, GlobalAvgPool.class, (s, in) -> "GlobalAvgPool()");
        on(t, GlobalMaxPool.class, (s, in) -> "GlobalMaxPool()");
        on(t, BatchNorm.class, PyTorchModelSource::batchNorm);
        on(t, LayerNorm.class, (s, in) -> "nn.LayerNorm(" + in.dim(-1) + ", eps=" + number(s.epsilon()) + ")");
        on(t, GroupNorm.class, (s, in) -> "nn.GroupNorm(" + s.groups() + ", " + in.dim(0) + ", eps="
                + number(s.epsilon()) + (s.affine() ? "" : ", affine=False") + ")");
        on(t, InstanceNorm.class, (s, in) -> "nn.InstanceNorm" + (in.rank() - 1) + "d(" + in.dim(0) + ", eps="
                + number(s.epsilon()) + (s.affine() ? ", affine=True" : "") + ")");
        on(t, Dropout.class, (s, in) -> "nn.Dropout(p=" + number(s.rate()) + ")");
        on(t, Flatten.class, (s, in) -> "nn.Flatten()");
        on(t, Upsample1d.class, PyTorchModelSource::upsample);
        on(t, Permute.class, (s, in) -> "Permute(" + IntStream.of(s.batchedOrder()).mapToObj(String::valueOf)
                .collect(Collectors.joining(", ")) + ")");
        on(t, Squeeze.class, (s, in) -> "Squeeze(" + s.batchedAxis(in.rank()) + ")");
        on(t, Unsqueeze.class, (s, in) -> "Unsqueeze(" + s.batchedAxis(in.rank()) + ")");
        on(t, Reduce.class, (s, in) -> "Reduce(" + string(s.op()) + ", " + tuple(s.batchedAxes(in.rank()))
                + ", keepdim=" + (s.keepDims() ? "True" : "False") + ")");
        on(t, Upsample2d.class, PyTorchModelSource::upsample);
        on(t, AdaptiveAvgPool2d.class, (s, in) -> "nn.AdaptiveAvgPool2d(" + tuple(ints(s.size())) + ")");
        on(t, ZeroPad1d.class, (s, in) -> "nn.ConstantPad1d((" + s.start() + ", " + s.end() + "), 0.0)");
        on(t, ZeroPad2d.class, (s, in) -> "nn.ZeroPad2d((" + s.left() + ", " + s.right() + ", " + s.top() + ", "
                + s.bottom() + "))");
        on(t, Crop1d.class, (s, in) -> "Crop((" + s.start() + ", " + s.end() + "))");
        on(t, Crop2d.class, (s, in) -> "Crop((" + s.top() + ", " + s.bottom() + "), (" + s.left() + ", " + s.right()
                + "))");
        on(t, Reshape.class, (s, in) -> "Reshape(" + s.infer(LayerInputs.of(in)).output().toList().stream()
                .map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        on(t, ReLU.class, (s, in) -> "nn.ReLU()");
        on(t, LeakyReLU.class, (s, in) -> "nn.LeakyReLU(negative_slope=" + number(s.alpha()) + ")");
        on(t, ELU.class, (s, in) -> "nn.ELU(alpha=" + number(s.alpha()) + ")");
        on(t, GELU.class, (s, in) -> "nn.GELU()");
        on(t, SiLU.class, (s, in) -> "nn.SiLU()");
        on(t, Mish.class, (s, in) -> "nn.Mish()");
        on(t, Sigmoid.class, (s, in) -> "nn.Sigmoid()");
        on(t, Tanh.class, (s, in) -> "nn.Tanh()");
        on(t, Softmax.class, (s, in) -> "nn.Softmax(dim=" + batchedAxis(s.axis()) + ")");
        on(t, Add.class, (s, in) -> "Add()");
        on(t, Concat.class, (s, in) -> "Concat(dim=" + batchedAxis(s.axis()) + ")");
        onActivationsAndMerges(t);
        on(t, LSTM.class, (s, in) -> PyTorchModelSource.recurrent("SequenceLSTM", s, in));
        on(t, GRU.class, (s, in) -> PyTorchModelSource.recurrent("SequenceGRU", s, in));
        on(t, SimpleRNN.class, (s, in) -> PyTorchModelSource.recurrent("SequenceRNN", s, in));
        on(t, TransformerEncoder.class, (s, in) -> "nn.TransformerEncoder(nn.TransformerEncoderLayer(" + in.dim(1)
                + ", " + s.heads() + ", dim_feedforward=" + s.feedForward() + ", dropout=" + number(s.dropout())
                + ", activation=" + string(s.activation()) + ", batch_first=True"
                + (s.normFirst() ? ", norm_first=True" : "") + "), " + s.layers() + ", enable_nested_tensor=False)");
        on(t, MultiHeadAttention.class, (s, in) -> "Attention(" + in.dim(1) + ", " + s.heads()
                + (s.dropout() > 0 ? ", dropout=" + number(s.dropout()) : "") + (s.bias() ? "" : ", bias=False")
                + (s.causal() ? ", causal=True" : "") + ")");
        on(t, PositionalEmbedding.class, (s, in) -> "PositionalEmbedding(" + s.maxLength() + ", " + in.dim(1)
                + ", learned=" + (s.learned() ? "True" : "False") + ")");
        return Map.copyOf(t);
    }

    /** Returns {@code basic} with the helpers of the merges, shapes and sequence layers added. */
    private static Map<String, String> withMoreHelpers(Map<String, String> basic) {
        Map<String, String> all = new HashMap<>(basic);
        all.put("Multiply", merge("Multiply", "Multiplies its inputs, which have the same shape.", "total = total * x"));
        all.put("Maximum", merge("Maximum", "Takes the element-wise maximum of its inputs, which have the same shape.",
                "total = torch.maximum(total, x)"));
        all.put("Average", merge("Average", "Averages its inputs, which have the same shape.", "total = total + x")
                .replace("return total\n", "return total / len(xs)\n"));
        all.put("Permute", """
                class Permute(nn.Module):
                    \"\"\"Reorders the axes of a batch; the batch axis stays first.\"\"\"

                    def __init__(self, *order):
                        super().__init__()
                        self.order = order

                    def forward(self, x):
                        return x.permute(*self.order)

                    def extra_repr(self):
                        return f"order={self.order}"
                """);
        all.put("Squeeze", """
                class Squeeze(nn.Module):
                    \"\"\"Removes an axis of size 1 (counting the batch axis as 0).\"\"\"

                    def __init__(self, dim):
                        super().__init__()
                        self.dim = dim

                    def forward(self, x):
                        return x.squeeze(self.dim)

                    def extra_repr(self):
                        return f"dim={self.dim}"
                """);
        all.put("Unsqueeze", """
                class Unsqueeze(nn.Module):
                    \"\"\"Inserts an axis of size 1 (counting the batch axis as 0).\"\"\"

                    def __init__(self, dim):
                        super().__init__()
                        self.dim = dim

                    def forward(self, x):
                        return x.unsqueeze(self.dim)

                    def extra_repr(self):
                        return f"dim={self.dim}"
                """);
        all.put("Reduce", """
                class Reduce(nn.Module):
                    \"\"\"The mean, sum or maximum over axes of a batch (counting the batch axis as 0).\"\"\"

                    def __init__(self, op, dims, keepdim):
                        super().__init__()
                        self.op = op
                        self.dims = dims
                        self.keepdim = keepdim

                    def forward(self, x):
                        if self.op == "max":
                            return x.amax(dim=self.dims, keepdim=self.keepdim)
                        if self.op == "sum":
                            return x.sum(dim=self.dims, keepdim=self.keepdim)
                        return x.mean(dim=self.dims, keepdim=self.keepdim)

                    def extra_repr(self):
                        return f"op={self.op}, dims={self.dims}, keepdim={self.keepdim}"
                """);
        all.put("PositionalEmbedding", """
                class PositionalEmbedding(nn.Module):
                    \"\"\"Adds a vector per position to (N, T, D): a learned table, or the fixed sinusoids.\"\"\"

                    def __init__(self, max_length, dim, learned):
                        super().__init__()
                        if learned:
                            self.weight = nn.Parameter(torch.randn(max_length, dim) * 0.02)
                        else:
                            position = torch.arange(max_length, dtype=torch.float64).unsqueeze(1)
                            even = torch.arange(dim, dtype=torch.float64) // 2 * 2
                            angle = position / torch.pow(10000.0, even / dim)
                            table = torch.where(torch.arange(dim) % 2 == 0, torch.sin(angle), torch.cos(angle))
                            self.register_buffer("weight", table.float(), persistent=False)

                    def forward(self, x):
                        return x + self.weight[: x.shape[1]]
                """);
        all.put("Attention", """
                class Attention(nn.MultiheadAttention):
                    \"\"\"Multi-head attention over (N, T, E): of a sequence over itself, or of a query over a key
                    and a value; causal: each position sees only those up to it.\"\"\"

                    def __init__(self, embed_dim, num_heads, causal=False, **kwargs):
                        super().__init__(embed_dim, num_heads, batch_first=True, **kwargs)
                        self.causal = causal

                    def forward(self, query, key=None, value=None):
                        if key is None:
                            key = value = query
                        mask = None
                        if self.causal:
                            t = query.shape[1]
                            mask = torch.triu(torch.ones(t, t, dtype=torch.bool, device=query.device), diagonal=1)
                        out, _ = super().forward(query, key, value, attn_mask=mask, need_weights=False)
                        return out
                """);
        all.put("Crop", """
                class Crop(nn.Module):
                    \"\"\"Cuts (start, end) positions off each spatial axis, the first spatial axis first.\"\"\"

                    def __init__(self, *cuts):
                        super().__init__()
                        self.cuts = cuts

                    def forward(self, x):
                        index = [slice(None), slice(None)]
                        for start, end in self.cuts:
                            index.append(slice(start, x.shape[len(index)] - end))
                        return x[tuple(index)]

                    def extra_repr(self):
                        return f"cuts={self.cuts}"
                """);
        all.put("Subtract", """
                class Subtract(nn.Module):
                    \"""Subtracts its second input from its first.\"""

                    def forward(self, a, b):
                        return a - b
                """);
        return Map.copyOf(all);
    }

    private static void onActivationsAndMerges(Map<Class<?>, Translation<?>> t) {
        on(t, ReLU6.class, (s, in) -> "nn.ReLU6()");
        on(t, Hardswish.class, (s, in) -> "nn.Hardswish()");
        on(t, Hardsigmoid.class, (s, in) -> "nn.Hardsigmoid()");
        on(t, PReLU.class, (s, in) -> "nn.PReLU(num_parameters=" + (s.perChannel() ? in.dim(0) : 1) + ")");
        on(t, Softplus.class, (s, in) -> "nn.Softplus(beta=" + number(s.beta()) + ", threshold="
                + number(s.threshold()) + ")");
        on(t, LogSoftmax.class, (s, in) -> "nn.LogSoftmax(dim=" + batchedAxis(s.axis()) + ")");
        on(t, Identity.class, (s, in) -> "nn.Identity()");
        on(t, Multiply.class, (s, in) -> "Multiply()");
        on(t, Subtract.class, (s, in) -> "Subtract()");
        on(t, Maximum.class, (s, in) -> "Maximum()");
        on(t, Average.class, (s, in) -> "Average()");
    }

    /** Returns a helper module that folds its inputs with {@code step}, as Add does with a sum. */
    private static String merge(String name, String doc, String step) {
        return """
                class %s(nn.Module):
                    \"""%s\"""

                    def forward(self, *xs):
                        total = xs[0]
                        for x in xs[1:]:
                            %s
                        return total
                """.formatted(name, doc, step);
    }

    /** Writes the constructor expression of one layer from its spec and its first input's shape per sample. */
    @FunctionalInterface
    private interface Translation<T extends LayerSpec> {
        String expression(T spec, Shape input) throws ExportException;
    }

    private static <T extends LayerSpec> void on(Map<Class<?>, Translation<?>> translations, Class<T> kind,
            Translation<T> translation) {
        translations.put(kind, translation);
    }

    private PyTorchModelSource() {
    }

    /** Returns the layer kinds this writer translates. */
    static Set<Class<? extends LayerSpec>> kinds() {
        @SuppressWarnings("unchecked")
        Set<Class<? extends LayerSpec>> kinds = TRANSLATIONS.keySet().stream()
                .map(k -> (Class<? extends LayerSpec>) k).collect(Collectors.toUnmodifiableSet());
        return kinds;
    }

    /**
     * Returns the text of model.py.
     *
     * @param design how the design is described to a reader: name, where it was trained
     * @param model the design's nodes, shapes and names
     * @param classNames the name of each output class, empty for regression
     * @throws ExportException when a layer's parameters have no PyTorch equivalent, naming the node
     */
    static String of(String design, PyTorchGraph model, List<String> classNames) throws ExportException {
        Set<String> helpers = new LinkedHashSet<>();
        List<String> init = new ArrayList<>();
        List<String> forward = new ArrayList<>();
        Map<List<String>, ExportNames.Group> groups = new HashMap<>();
        model.groups().forEach(g -> groups.put(g.path(), g));
        Set<List<String>> built = new HashSet<>();
        for (LayerNode node : model.ordered()) {
            List<String> path = model.path(node.id());
            // a block's modules are made before the first of its layers
            for (int depth = 1; depth < path.size(); depth++) {
                if (built.add(path.subList(0, depth))) {
                    init.add(container(groups.get(path.subList(0, depth))));
                }
            }
            String attribute = model.attribute(node.id());
            String variable = model.variable(node.id());
            String expression = expression(node, model.inputShape(node.id()));
            HELPERS.keySet().stream().filter(h -> expression.startsWith(h + "(")).forEach(helpers::add);
            init.add("        self." + attribute + " = " + expression + "  # " + node.spec().type().name());
            String args = node.spec() instanceof Input ? "x" : String.join(", ", model.inputNames(node.id()));
            forward.add("        " + variable + " = self." + attribute + "(" + args + ")  # " + model.shape(node.id()));
        }
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"").append(docText(design)).append(", as a PyTorch module written by LayerCanvas.\n\n")
                .append("Each attribute is a node of the design, under its name there; forward() runs them in\n")
                .append("the design's order. ");
        if (groups.isEmpty()) {
            py.append("Shapes in the comments leave out the batch axis. The model\n")
                    .append("returns raw outputs (logits for classification).\n\"\"\"\n\n");
        } else {
            // an example from the design itself: its first layer inside a block, one with weights if any
            LayerNode inside = model.ordered().stream().filter(n -> model.path(n.id()).size() > 1)
                    .min(Comparator.comparing(n -> !model.hasWeights(n.id()))).orElseThrow();
            py.append("A block's layers sit in modules named by their\npaths, e.g. self.")
                    .append(model.attribute(inside.id())).append(", whose weights the state dict\nkeeps under ")
                    .append(model.stateKey(inside.id())).append(".*; a repeated block's copies are numbered")
                    .append(" from 1\nin an nn.ModuleDict. Shapes in the comments leave out the batch axis. The")
                    .append(" model\nreturns raw outputs (logits for classification).\n\"\"\"\n\n");
        }
        py.append("import torch\nfrom torch import nn\n\n")
                .append("INPUT_SHAPE = ").append(tuple(model.inputSampleShape())).append("\n");
        if (!classNames.isEmpty()) {
            py.append("CLASS_NAMES = [").append(classNames.stream().map(PyTorchModelSource::string)
                    .collect(Collectors.joining(", "))).append("]\n");
        }
        for (String helper : helpers) {
            py.append("\n\n").append(HELPERS.get(helper));
        }
        py.append("\n\nclass ").append(model.className()).append("(nn.Module):\n")
                .append("    \"\"\"The design '").append(docText(design))
                .append("'.\"\"\"\n\n")
                .append("    def __init__(self):\n        super().__init__()\n");
        init.forEach(line -> py.append(line).append('\n'));
        py.append("\n    def forward(self, x):\n");
        forward.forEach(line -> py.append(line).append('\n'));
        py.append("        return ").append(model.variable(model.output().id())).append('\n');
        return py.toString();
    }

    /** Writes the line that makes the module of a block instance, or of one copy of a repeated one. */
    private static String container(ExportNames.Group group) {
        String line = "        self." + PyTorchGraph.attribute(group.path()) + " = ";
        String block = "'" + docText(group.block()) + "'";
        if (group.copy() > 0) {
            return line + "nn.Module()  # copy " + group.copy() + " of " + group.repeat() + " of block " + block;
        }
        if (group.repeat() > 1) {
            return line + "nn.ModuleDict()  # block " + block + ", " + group.repeat() + " copies one after another";
        }
        return line + "nn.Module()  # block " + block;
    }

    private static String expression(LayerNode node, Shape input) throws ExportException {
        @SuppressWarnings("unchecked")
        Translation<LayerSpec> t = (Translation<LayerSpec>) TRANSLATIONS.get(node.spec().getClass());
        if (t == null) {
            throw new ExportException("the design cannot be exported as pytorch",
                    List.of("'" + node.name() + "' (" + node.spec().type().name() + ") has no pytorch equivalent"));
        }
        try {
            return t.expression(node.spec(), input);
        } catch (ExportException e) {
            throw new ExportException("the design cannot be exported as pytorch",
                    List.of("'" + node.name() + "' (" + node.spec().type().name() + ") " + e.getMessage()));
        }
    }

    private static String convolution(Convolution c, Shape in) {
        var w = c.window();
        String name = w.rank() == 1 ? "nn.Conv1d" : "nn.Conv2d";
        StringBuilder b = new StringBuilder(name).append('(').append(in.dim(0)).append(", ").append(c.filters())
                .append(", kernel_size=").append(size(w.kernel()));
        if (Arrays.stream(w.stride()).anyMatch(s -> s != 1)) {
            b.append(", stride=").append(size(w.stride()));
        }
        if (Arrays.stream(c.resolvedPadding()).anyMatch(p -> p != 0)) {
            b.append(", padding=").append(size(c.resolvedPadding()));
        }
        if (Arrays.stream(w.dilation()).anyMatch(d -> d != 1)) {
            b.append(", dilation=").append(size(w.dilation()));
        }
        if (c.groups() != 1) {
            b.append(", groups=").append(c.groups());
        }
        if (!c.bias()) {
            b.append(", bias=False");
        }
        return b.append(')').toString();
    }

    private static String transposedConvolution(ConvTranspose c, Shape in) {
        var w = c.window();
        StringBuilder b = new StringBuilder(w.rank() == 1 ? "nn.ConvTranspose1d" : "nn.ConvTranspose2d").append('(')
                .append(in.dim(0)).append(", ").append(c.filters()).append(", kernel_size=").append(size(w.kernel()))
                .append(", stride=").append(size(w.stride()));
        if (Arrays.stream(c.pads()).anyMatch(p -> p != 0)) {
            b.append(", padding=").append(size(c.pads()));
        }
        if (Arrays.stream(c.outputPads()).anyMatch(p -> p != 0)) {
            b.append(", output_padding=").append(size(c.outputPads()));
        }
        if (c.groups() != 1) {
            b.append(", groups=").append(c.groups());
        }
        if (!c.bias()) {
            b.append(", bias=False");
        }
        if (Arrays.stream(w.dilation()).anyMatch(d -> d != 1)) {
            b.append(", dilation=").append(size(w.dilation()));
        }
        return b.append(')').toString();
    }

    /** nn.Upsample to the output's size, which the engine interpolates to as well. */
    private static String upsample(Upsample u, Shape in) {
        int[] out = u.resize(java.util.Arrays.copyOfRange(in.dims(), 1, in.rank())).sizes();
        String mode = u.linear() ? (u.spatialRank() == 1 ? "linear" : "bilinear") : "nearest";
        return "nn.Upsample(size=" + size(out) + ", mode=" + string(mode)
                + (u.alignCorners() ? ", align_corners=True" : "") + ")";
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String pooling(String name, Pooling p) {
        return name + "(kernel_size=" + size(p.window().kernel()) + ", stride=" + size(p.window().stride())
                + (Arrays.stream(p.pads()).anyMatch(x -> x != 0) ? ", padding=" + size(p.pads()) : "") + ")";
    }

    private static String batchNorm(BatchNorm s, Shape in) throws ExportException {
        String kind = switch (in.rank()) {
            case 1, 2 -> "nn.BatchNorm1d";
            case 3 -> "nn.BatchNorm2d";
            case 4 -> "nn.BatchNorm3d";
            default -> throw new ExportException("normalizes an input of " + in.rank()
                    + " axes; PyTorch's batch norms take at most 4 (C and 3 spatial)", (Throwable) null);
        };
        // the engine keeps `momentum` of the old running statistics; PyTorch's momentum weighs the new batch
        BigDecimal momentum = BigDecimal.ONE.subtract(new BigDecimal(Double.toString(s.momentum())));
        return kind + "(" + in.dim(0) + ", eps=" + number(s.epsilon()) + ", momentum="
                + momentum.stripTrailingZeros().toPlainString() + ")";
    }

    private static String recurrent(String name, Recurrent r, Shape in) {
        return name + "(" + in.dim(-1) + ", " + r.hidden() + (r.layers() != 1 ? ", num_layers=" + r.layers() : "")
                + (r instanceof SimpleRNN s && s.activation().equals("relu") ? ", nonlinearity=\"relu\"" : "")
                + (r.bidirectional() ? ", bidirectional=True" : "") + ", return_sequences="
                + (r.returnSequences() ? "True" : "False") + ")";
    }

    private static String recurrent(String kind) {
        return """
                class Sequence%1$s(nn.%1$s):
                    \"""nn.%1$s over batch-first sequences that returns every step's output, or only the last one's.\"""

                    def __init__(self, *args, return_sequences, **kwargs):
                        super().__init__(*args, batch_first=True, **kwargs)
                        self.return_sequences = return_sequences

                    def forward(self, x):
                        out, _ = super().forward(x)
                        return out if self.return_sequences else out[:, -1, :]
                """.formatted(kind);
    }

    /** Turns an axis of one sample (negative from the end) into the axis of a batch. */
    private static int batchedAxis(int axis) {
        return axis < 0 ? axis : axis + 1;
    }

    private static String size(int[] values) {
        return values.length == 1 ? String.valueOf(values[0]) : tuple(values);
    }

    static String tuple(int[] values) {
        return values.length == 1 ? "(" + values[0] + ",)"
                : IntStream.of(values).mapToObj(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Returns text safe inside a Python docstring: no quotes or backslashes that could end or escape it. */
    static String docText(String text) {
        return text.replace("\\", "/").replace("\"", "'").replaceAll("\\p{Cntrl}", " ");
    }

    /** Writes a number as Python reads it back to the same double. */
    static String number(double d) {
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toString().replace("E", "e")
                .replace("e+", "e");
    }

    /** Writes a Python string literal. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
