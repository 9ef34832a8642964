package org.layercanvas.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.layercanvas.engine.Tensor;
import org.layercanvas.engine.TrainedModel;
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
import org.layercanvas.engine.ResizeMatrices;
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
import org.layercanvas.graph.Analysis;
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
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerNorm;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LeakyReLU;
import org.layercanvas.graph.MaxPool1d;
import org.layercanvas.graph.MaxPool2d;
import org.layercanvas.graph.Mish;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Pooling;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.Recurrent;
import org.layercanvas.graph.Reshape;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.SiLU;
import org.layercanvas.graph.Sigmoid;
import org.layercanvas.graph.Softmax;
import org.layercanvas.graph.Tanh;
import org.layercanvas.graph.Design;

/**
 * Writes a trained design as one ONNX file (opset 17): the Input layer becomes the graph input
 * with a symbolic {@code batch} axis, the Output layer the graph output (logits), trained weights
 * become initializers named {@code <layer>.<weight>}, each operator is named after the layer it
 * comes from, BatchNorm runs on its running statistics and Dropout disappears. Blocks are written as
 * the layers they stand for, each named by its path ({@code stage2/block1/conv2}, its weight
 * {@code stage2/block1/conv2.weight}), so the file has no functions of its own. Verified by running
 * the file in ONNX Runtime on the same probe inputs as the trained model.
 */
public final class OnnxExporter implements Exporter {
    private static final int PROBES = 8;
    private static final double TOLERANCE = 1e-4;

    private final Map<Class<?>, Translator<?>> translators = new HashMap<>();

    /** Writes the operators of one layer kind and returns the value that holds its output. */
    @FunctionalInterface
    private interface Translator<T extends LayerSpec> {
        String emit(T spec, Layer layer);
    }

    /** Creates the exporter with one translation per layer kind. */
    public OnnxExporter() {
        onActivationsAndMerges();
        on(Input.class, (s, l) -> {
            l.graph.input(l.name, s.shape());
            return l.name;
        });
        on(Output.class, (s, l) -> l.op("Identity", null, l.x()));
        on(Dense.class, OnnxExporter::dense);
        on(Conv1d.class, OnnxExporter::convolution);
        on(Conv2d.class, OnnxExporter::convolution);
        on(ConvTranspose1d.class, OnnxExporter::transposedConvolution);
        on(ConvTranspose2d.class, OnnxExporter::transposedConvolution);
        on(MaxPool1d.class, (s, l) -> pool("MaxPool", s, l));
        on(MaxPool2d.class, (s, l) -> pool("MaxPool", s, l));
        on(AvgPool1d.class, (s, l) -> pool("AveragePool", s, l));
        on(AvgPool2d.class, (s, l) -> pool("AveragePool", s, l));
        on(GlobalAvgPool.class, (s, l) -> l.op("Flatten", null, l.op("GlobalAveragePool", "pooled", l.x())));
        on(GlobalMaxPool.class, (s, l) -> l.op("Flatten", null, l.op("GlobalMaxPool", "pooled", l.x())));
        on(BatchNorm.class, (s, l) -> l.node("BatchNormalization", null, l.x(), l.weight("weight"),
                l.weight("bias"), l.weight("running_mean"), l.weight("running_var"))
                .attr("epsilon", (float) s.epsilon()).name());
        on(LayerNorm.class, (s, l) -> l.node("LayerNormalization", null, l.x(), l.weight("weight"), l.weight("bias"))
                .attr("axis", -1L).attr("epsilon", (float) s.epsilon()).name());
        on(Dropout.class, (s, l) -> l.x());
        on(GroupNorm.class, (s, l) -> groupNorm(s.groups(), s.epsilon(), s.affine(), l));
        on(InstanceNorm.class, (s, l) -> groupNorm(l.inShapes.get(0).dim(0), s.epsilon(), s.affine(), l));
        on(Flatten.class, (s, l) -> l.node("Flatten", null, l.x()).attr("axis", 1L).name());
        on(Upsample1d.class, OnnxExporter::upsample);
        on(Permute.class, (s, l) -> l.node("Transpose", null, l.x()).ints("perm", s.batchedOrder()).name());
        on(Squeeze.class, (s, l) -> l.op("Squeeze", null, l.x(),
                l.constant("axes", new long[] {s.batchedAxis(l.inShapes.get(0).rank())})));
        on(Unsqueeze.class, (s, l) -> l.op("Unsqueeze", null, l.x(),
                l.constant("axes", new long[] {s.batchedAxis(l.inShapes.get(0).rank())})));
        on(Reduce.class, OnnxExporter::reduce);
        on(Upsample2d.class, OnnxExporter::upsample);
        on(AdaptiveAvgPool2d.class, OnnxExporter::adaptiveAverage);
        on(ZeroPad1d.class, OnnxExporter::border);
        on(ZeroPad2d.class, OnnxExporter::border);
        on(Crop1d.class, OnnxExporter::border);
        on(Crop2d.class, OnnxExporter::border);
        on(Reshape.class, (s, l) -> l.op("Reshape", null, l.x(), l.constant("shape", batchedShape(l.output))));
        on(Embedding.class, (s, l) -> l.op("Gather", null, l.weight("weight"),
                l.node("Cast", "ids", l.x()).attr("to", 7L).name()));
        on(ReLU.class, (s, l) -> l.op("Relu", null, l.x()));
        on(LeakyReLU.class, (s, l) -> l.node("LeakyRelu", null, l.x()).attr("alpha", (float) s.alpha()).name());
        on(ELU.class, (s, l) -> l.node("Elu", null, l.x()).attr("alpha", (float) s.alpha()).name());
        on(Sigmoid.class, (s, l) -> l.op("Sigmoid", null, l.x()));
        on(Tanh.class, (s, l) -> l.op("Tanh", null, l.x()));
        on(Softmax.class, (s, l) -> l.node("Softmax", null, l.x()).attr("axis", (long) batchedAxis(s.axis())).name());
        // opset 17 has no Gelu, Silu or Mish: written out, exactly as PyTorch computes them
        on(GELU.class, (s, l) -> {
            String erf = l.op("Erf", "erf", l.op("Div", "scaled", l.x(), l.constant("sqrt2", (float) Math.sqrt(2))));
            String half = l.op("Mul", "half", l.x(), l.constant("half", 0.5f));
            return l.op("Mul", null, half, l.op("Add", "one_plus_erf", erf, l.constant("one", 1f)));
        });
        on(SiLU.class, (s, l) -> l.op("Mul", null, l.x(), l.op("Sigmoid", "sigmoid", l.x())));
        on(Mish.class, (s, l) -> l.op("Mul", null, l.x(),
                l.op("Tanh", "tanh", l.op("Softplus", "softplus", l.x()))));
        on(Add.class, (s, l) -> l.op("Sum", null, l.inputs.toArray(String[]::new)));
        on(Concat.class, (s, l) -> l.node("Concat", null, l.inputs.toArray(String[]::new))
                .attr("axis", (long) batchedAxis(s.axis())).name());
        on(LSTM.class, (s, l) -> recurrent("LSTM", s, l, new int[] {0, 3, 1, 2}));
        on(GRU.class, (s, l) -> recurrent("GRU", s, l, new int[] {1, 0, 2}));
        on(SimpleRNN.class, (s, l) -> recurrent("RNN", s, l, new int[] {0}));
        on(PositionalEmbedding.class, OnnxExporter::positions);
        on(MultiHeadAttention.class, OnnxExporter::attention);
        on(TransformerEncoder.class, OnnxExporter::transformer);
    }

    private void onActivationsAndMerges() {
        on(ReLU6.class, (s, l) -> l.op("Clip", null, l.x(), l.constant("zero", 0f), l.constant("six", 6f)));
        on(Hardswish.class, (s, l) -> l.op("HardSwish", null, l.x()));
        on(Hardsigmoid.class, (s, l) -> l.node("HardSigmoid", null, l.x()).attr("alpha", 1f / 6).attr("beta", 0.5f)
                .name());
        on(PReLU.class, (s, l) -> {
            Tensor w = l.tensor("weight");
            // the slopes broadcast against (N, C, ...) from the right: (C, 1, ...) for one per channel
            long[] dims = new long[w.size() == 1 ? 1 : l.inShapes.get(0).rank()];
            java.util.Arrays.fill(dims, 1);
            dims[0] = w.size();
            return l.op("PRelu", null, l.x(), l.graph.initializer(l.name + ".weight", dims, w.values()));
        });
        on(Softplus.class, OnnxExporter::softplus);
        on(LogSoftmax.class, (s, l) -> l.node("LogSoftmax", null, l.x()).attr("axis", (long) batchedAxis(s.axis()))
                .name());
        on(Identity.class, (s, l) -> l.op("Identity", null, l.x()));
        on(Multiply.class, (s, l) -> chain("Mul", l));
        on(Subtract.class, (s, l) -> l.op("Sub", null, l.inputs.get(0), l.inputs.get(1)));
        on(Maximum.class, (s, l) -> l.op("Max", null, l.inputs.toArray(String[]::new)));
        on(Average.class, (s, l) -> l.op("Mean", null, l.inputs.toArray(String[]::new)));
    }

    /**
     * ONNX's Softplus has no beta or threshold. PyTorch's own (beta 1, threshold 20) is ONNX's within
     * e^-20 of x, so it is written as one Softplus; any other is written out as PyTorch computes it.
     */
    private static String softplus(Softplus s, Layer l) {
        if (s.beta() == 1 && s.threshold() >= 20) {
            return l.op("Softplus", null, l.x());
        }
        String scaled = l.op("Mul", "scaled", l.x(), l.constant("beta", (float) s.beta()));
        String capped = l.op("Min", "capped", scaled, l.constant("threshold", (float) s.threshold()));
        String smooth = l.op("Div", "smooth", l.op("Log", "log", l.op("Add", "one_plus_exp",
                l.op("Exp", "exp", capped), l.constant("one", 1f))), l.constant("beta_divisor", (float) s.beta()));
        String linear = l.op("Greater", "linear", scaled, l.constant("threshold_compared", (float) s.threshold()));
        return l.op("Where", null, linear, l.x(), smooth);
    }

    /** Applies a binary operator along the inputs: ((a op b) op c) ... */
    private static String chain(String op, Layer l) {
        String total = l.inputs.get(0);
        for (int i = 1; i < l.inputs.size(); i++) {
            total = l.op(op, i == l.inputs.size() - 1 ? null : op.toLowerCase(java.util.Locale.ROOT) + i, total,
                    l.inputs.get(i));
        }
        return total;
    }

    private <T extends LayerSpec> void on(Class<T> kind, Translator<T> translator) {
        translators.put(kind, translator);
    }

    @Override
    public String format() {
        return "onnx";
    }

    @Override
    public boolean writesFolder() {
        return false;
    }

    @Override
    public Set<Class<? extends LayerSpec>> supported() {
        return translators.keySet().stream().<Class<? extends LayerSpec>>map(c -> c.asSubclass(LayerSpec.class))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public ExportReport export(TrainedRun run, Path out, boolean replace) throws IOException {
        Design design = run.design();
        Compatibility.require(design.graph(), format(), supported());
        try (ExportTarget target = ExportTarget.open(out, replace);
                TrainedModel model = TrainedModel.load(design.graph(), run.weights())) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("layercanvas.design", design.name());
            metadata.put("layercanvas.run", run.folder().dir().getFileName().toString());
            metadata.put("layercanvas.data", json(run.data()));
            double diff = write(design, model, target.output(), metadata);
            target.commit(format(), run.folder().dir().getFileName().toString());
            return new ExportReport(format(), List.of(target.destination()), diff, "ONNX Runtime");
        }
    }

    /**
     * Writes {@code model} as an ONNX file and checks it in ONNX Runtime.
     *
     * @return the largest difference between ONNX Runtime's outputs and the model's on the probes
     * @throws ExportException when the outputs differ by more than the tolerance
     */
    double write(Design design, TrainedModel model, Path file, Map<String, String> metadata) throws IOException {
        Graph graph = Exporter.expanded(design.graph());
        Analysis analysis = Analysis.of(graph);
        ExportNames names = ExportNames.of(design.graph());
        Map<String, List<Tensor>> weights = model.weights();
        OnnxGraph onnx = new OnnxGraph();
        Map<String, String> values = new HashMap<>();
        String inputName = null;
        String outputName = null;
        for (String id : analysis.order()) {
            LayerNode node = graph.node(id);
            List<String> in = graph.inputsOf(id).stream().map(e -> values.get(e.from())).toList();
            List<Shape> inShapes = graph.inputsOf(id).stream().map(e -> analysis.shape(e.from())).toList();
            Layer layer = new Layer(onnx, names.of(id), in, inShapes, analysis.shape(id),
                    weights.getOrDefault(id, List.of()));
            values.put(id, emit(node.spec(), layer));
            if (node.spec() instanceof Input) {
                inputName = layer.name;
            }
            if (node.spec() instanceof Output) {
                outputName = layer.name;
                onnx.output(outputName, analysis.shape(id).toList());
            }
        }
        Files.write(file, onnx.model(design.name(), "Exported by LayerCanvas from the design '" + design.name() + "'",
                metadata, producerVersion()));
        return verify(graph, model, file, inputName, outputName);
    }

    private double verify(Graph graph, TrainedModel model, Path file, String inputName, String outputName)
            throws ExportException {
        float[] probe = ProbeInputs.of(graph, PROBES, 1);
        float[] expected = model.predict(probe, PROBES);
        long[] dims = new long[model.inputShape().length + 1];
        dims[0] = PROBES;
        for (int i = 1; i < dims.length; i++) {
            dims[i] = model.inputShape()[i - 1];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] actual;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(file.toString(), options);
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(probe), dims);
                OrtSession.Result result = session.run(Map.of(inputName, x))) {
            FloatBuffer y = ((OnnxTensor) result.get(outputName).orElseThrow()).getFloatBuffer();
            actual = new float[y.remaining()];
            y.get(actual);
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime could not run the exported model: " + e.getMessage()
                    + "; nothing was written", e);
        }
        double diff = Exporter.maxDifference(expected, actual);
        if (!(diff <= Exporter.tolerance(TOLERANCE, expected))) {
            throw new ExportException("the ONNX model gives other outputs than the trained one in ONNX Runtime "
                    + "(largest difference " + diff + "); nothing was written", (Throwable) null);
        }
        return diff;
    }

    private String emit(LayerSpec spec, Layer layer) {
        @SuppressWarnings("unchecked")
        Translator<LayerSpec> translator = (Translator<LayerSpec>) translators.get(spec.getClass());
        return translator.emit(spec, layer);
    }

    private static String dense(Dense s, Layer l) {
        Tensor w = l.tensor("weight");
        if (l.inShapes.get(0).rank() == 1) {
            List<String> in = new ArrayList<>(List.of(l.x(), l.weight("weight")));
            if (s.bias()) {
                in.add(l.weight("bias"));
            }
            return l.node("Gemm", null, in.toArray(String[]::new)).attr("transB", 1L).name();
        }
        // (..., in) x (in, out): MatMul needs the weight transposed
        int rows = (int) w.shape()[0];
        int cols = (int) w.shape()[1];
        float[] t = new float[w.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w.values()[r * cols + c];
            }
        }
        String wt = l.graph.initializer(l.name + ".weight_transposed", new long[] {cols, rows}, t);
        if (!s.bias()) {
            return l.op("MatMul", null, l.x(), wt);
        }
        return l.op("Add", null, l.op("MatMul", "matmul", l.x(), wt), l.weight("bias"));
    }

    private static String convolution(Convolution s, Layer l) {
        List<String> in = new ArrayList<>(List.of(l.x(), l.weight("weight")));
        if (s.bias()) {
            in.add(l.weight("bias"));
        }
        int[] pads = s.resolvedPadding();
        return l.node("Conv", null, in.toArray(String[]::new)).ints("kernel_shape", s.window().kernel())
                .ints("strides", s.window().stride()).ints("dilations", s.window().dilation())
                .ints("pads", twice(pads)).attr("group", (long) s.groups()).name();
    }

    private static String transposedConvolution(ConvTranspose s, Layer l) {
        List<String> in = new ArrayList<>(List.of(l.x(), l.weight("weight")));
        if (s.bias()) {
            in.add(l.weight("bias"));
        }
        return l.node("ConvTranspose", null, in.toArray(String[]::new)).ints("kernel_shape", s.window().kernel())
                .ints("strides", s.window().stride()).ints("dilations", s.window().dilation())
                .ints("pads", twice(s.pads())).ints("output_padding", s.outputPads())
                .attr("group", (long) s.groups()).name();
    }

    /**
     * Resize by the constant scale factors (1 for batch and channels), or to the output's sizes
     * whatever the batch: the sizes input is then the input's (N, C) joined with them, as PyTorch
     * writes {@code nn.Upsample(size=…)}. The coordinate modes are PyTorch's: floor of position·in/out for nearest, pixel
     * centres or aligned corners for linear.
     */
    private static String upsample(Upsample s, Layer l) {
        if (java.util.Arrays.stream(s.sizes()).allMatch(size -> size == 0)) {
            float[] factors = new float[s.spatialRank() + 2];
            java.util.Arrays.fill(factors, 1f);
            for (int i = 0; i < s.spatialRank(); i++) {
                factors[i + 2] = s.scales()[i];
            }
            return modes(s, l.node("Resize", null, l.x(), "", l.constant("scales", factors))).name();
        }
        String batchAndChannels = l.op("Slice", "batch_and_channels", l.op("Shape", "shape", l.x()),
                l.constant("slice_start", new long[] {0}), l.constant("slice_end", new long[] {2}));
        int[] out = l.output.dims();
        long[] spatial = java.util.Arrays.stream(out, 1, out.length).asLongStream().toArray();
        String sizes = l.node("Concat", "sizes", batchAndChannels, l.constant("spatial_sizes", spatial))
                .attr("axis", 0L).name();
        return modes(s, l.node("Resize", null, l.x(), "", "", sizes)).name();
    }

    /** Sets a Resize's interpolation as PyTorch computes it. */
    private static OnnxGraph.Node modes(Upsample s, OnnxGraph.Node resize) {
        if (s.linear()) {
            resize.attr("mode", "linear").attr("coordinate_transformation_mode",
                    s.alignCorners() ? "align_corners" : "pytorch_half_pixel");
        } else {
            resize.attr("mode", "nearest").attr("coordinate_transformation_mode", "asymmetric")
                    .attr("nearest_mode", "floor");
        }
        return resize;
    }

    /** ONNX has no adaptive pooling: the engine's averaging matrices, one product per axis. */
    private static String adaptiveAverage(AdaptiveAvgPool2d s, Layer l) {
        Shape in = l.inShapes.get(0);
        int h = in.dim(1);
        int w = in.dim(2);
        int oh = l.output.dim(1);
        int ow = l.output.dim(2);
        String width = l.graph.initializer(l.name + "/width_average", new long[] {w, ow},
                ResizeMatrices.adaptiveAverage(w, ow));
        String height = l.graph.initializer(l.name + "/height_average", new long[] {oh, h},
                ResizeMatrices.transposed(ResizeMatrices.adaptiveAverage(h, oh), h, oh));
        return l.op("MatMul", null, height, l.op("MatMul", "across", l.x(), width));
    }

    /** Zero padding as Pad, cropping as Slice of the spatial axes. */
    private static String border(Border s, Layer l) {
        int rank = s.spatialRank();
        if (!s.crops()) {
            long[] pads = new long[2 * (rank + 2)];
            for (int i = 0; i < rank; i++) {
                pads[i + 2] = s.before()[i];
                pads[rank + 2 + i + 2] = s.after()[i];
            }
            return l.op("Pad", null, l.x(), l.constant("pads", pads));
        }
        Shape in = l.inShapes.get(0);
        long[] starts = new long[rank];
        long[] ends = new long[rank];
        long[] axes = new long[rank];
        for (int i = 0; i < rank; i++) {
            starts[i] = s.before()[i];
            ends[i] = in.dim(i + 1) - s.after()[i];
            axes[i] = i + 2;
        }
        return l.op("Slice", null, l.x(), l.constant("starts", starts), l.constant("ends", ends),
                l.constant("axes", axes));
    }

    /**
     * Opset 17 has no GroupNormalization: PyTorch's own decomposition, an InstanceNormalization over
     * (N, groups, rest) with unit scale, then each channel's scale and shift.
     */
    private static String groupNorm(int groups, double epsilon, boolean affine, Layer l) {
        Shape in = l.inShapes.get(0);
        float[] ones = new float[groups];
        java.util.Arrays.fill(ones, 1f);
        String grouped = l.op("Reshape", "grouped", l.x(), l.constant("grouped_shape", new long[] {0, groups, -1}));
        String normed = l.node("InstanceNormalization", affine ? "normalized" : "normalized_grouped", grouped,
                l.graph.initializer(l.name + "/unit_scale", new long[] {groups}, ones),
                l.graph.initializer(l.name + "/zero_shift", new long[] {groups}, new float[groups]))
                .attr("epsilon", (float) epsilon).name();
        String back = l.op("Reshape", affine ? "ungrouped" : null, normed, l.constant("shape", batchedShape(in)));
        if (!affine) {
            return back;
        }
        long[] perChannel = new long[in.rank()];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[0] = in.dim(0);
        String w = l.graph.initializer(l.name + ".weight", perChannel, l.tensor("weight").values());
        String b = l.graph.initializer(l.name + ".bias", perChannel, l.tensor("bias").values());
        return l.op("Add", null, l.op("Mul", "scaled", back, w), b);
    }

    /** ReduceSum takes its axes as an input from opset 13; ReduceMean and ReduceMax still as an attribute in 17. */
    private static String reduce(Reduce s, Layer l) {
        int[] axes = s.batchedAxes(l.inShapes.get(0).rank());
        long keep = s.keepDims() ? 1L : 0L;
        if (s.op().equals("sum")) {
            return l.node("ReduceSum", null, l.x(), l.constant("axes", java.util.Arrays.stream(axes).asLongStream()
                    .toArray())).attr("keepdims", keep).name();
        }
        return l.node(s.op().equals("max") ? "ReduceMax" : "ReduceMean", null, l.x()).ints("axes", axes)
                .attr("keepdims", keep).name();
    }

    /**
     * The whole table as one initializer, so the file keeps its maxLength, and its first T rows (the
     * sequence's length) taken by Slice when it is longer, added to the input.
     */
    private static String positions(PositionalEmbedding s, Layer l) {
        Shape in = l.inShapes.get(0);
        int length = in.dim(0);
        int dim = in.dim(1);
        float[] rows = s.learned() ? l.tensor("weight").values() : PositionalEmbedding.sinusoid(s.maxLength(), dim);
        String table = l.graph.initializer(l.name + (s.learned() ? ".weight" : "/sinusoid"),
                new long[] {s.maxLength(), dim}, rows);
        if (length < s.maxLength()) {
            table = l.op("Slice", "rows", table, l.constant("rows_from", new long[] {0}),
                    l.constant("rows_to", new long[] {length}), l.constant("rows_axis", new long[] {0}));
        }
        return l.op("Add", null, l.x(), table);
    }

    private static String attention(MultiHeadAttention s, Layer l) {
        List<String> qkv = l.inputs.size() == 3 ? l.inputs : java.util.Collections.nCopies(3, l.x());
        return attention(l, qkv, "", "", s.heads(), s.bias(), s.causal(), true);
    }

    /**
     * Attention written out: the query, key and value projections each a MatMul with its third of
     * the input projection, the heads split by Reshape and Transpose, scaled scores (plus the causal
     * mask) through Softmax, then the heads joined and projected back.
     *
     * @param qkv the query, key and value; self-attention names one value three times
     * @param step what the operators' step names start with, for several attentions in one layer
     * @param prefix what the weights' names start with ({@code layers.0.self_attn.})
     * @param last whether the projection back is the layer's last operator
     */
    private static String attention(Layer l, List<String> qkv, String step, String prefix, int heads,
            boolean bias, boolean causal, boolean last) {
        Shape in = l.inShapes.get(0);
        int t = in.dim(0);
        int e = in.dim(1);
        int d = e / heads;
        float[] w = l.tensor(prefix + "in_proj_weight").values();
        float[] b = bias ? l.tensor(prefix + "in_proj_bias").values() : null;
        String[] projected = new String[3];
        String[] names = {"query", "key", "value"};
        for (int p = 0; p < 3; p++) {
            // rows p·E to (p+1)·E of (3E, E), transposed to (E, E) for x·Wᵀ
            float[] wt = new float[e * e];
            for (int r = 0; r < e; r++) {
                for (int c = 0; c < e; c++) {
                    wt[c * e + r] = w[(p * e + r) * e + c];
                }
            }
            String n = step + names[p];
            String y = l.op("MatMul", n, qkv.get(p), l.graph.initializer(l.name + "/" + n + "_weight", new long[] {e, e}, wt));
            if (b != null) {
                y = l.op("Add", n + "_biased", y, l.graph.initializer(l.name + "/" + n + "_bias", new long[] {e},
                        java.util.Arrays.copyOfRange(b, p * e, (p + 1) * e)));
            }
            String split = l.op("Reshape", n + "_heads", y, l.constant(n + "_heads_shape", new long[] {0, 0, heads, d}));
            projected[p] = l.node("Transpose", n + "_by_head", split)
                    .ints("perm", p == 1 ? new int[] {0, 2, 3, 1} : new int[] {0, 2, 1, 3}).name();
        }
        String scores = l.op("Div", step + "scores", l.op("MatMul", step + "products", projected[0], projected[1]),
                l.constant(step + "sqrt_head_width", (float) Math.sqrt(d)));
        if (causal) {
            scores = l.op("Add", step + "masked", scores, l.graph.initializer(l.name + "/" + step + "causal_mask",
                    new long[] {t, t}, MultiHeadAttention.causalMask(t)));
        }
        String weights = l.node("Softmax", step + "weights", scores).attr("axis", -1L).name();
        String mixed = l.node("Transpose", step + "mixed", l.op("MatMul", step + "mixed_by_head", weights, projected[2]))
                .ints("perm", 0, 2, 1, 3).name();
        String joined = l.op("Reshape", step + "joined", mixed, l.constant(step + "joined_shape", new long[] {0, 0, e}));
        return linear(l, joined, prefix + "out_proj", bias, last ? null : step + "projected");
    }

    /** x·Wᵀ (+ b) with the trained {@code <param>.weight} (out, in) and {@code <param>.bias}. */
    private static String linear(Layer l, String x, String param, boolean bias, String step) {
        Tensor w = l.tensor(param + ".weight");
        int rows = (int) w.shape()[0];
        int cols = (int) w.shape()[1];
        float[] t = new float[w.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w.values()[r * cols + c];
            }
        }
        String wt = l.graph.initializer(l.name + "." + param + ".weight_transposed", new long[] {cols, rows}, t);
        if (!bias) {
            return l.op("MatMul", step, x, wt);
        }
        return l.op("Add", step, l.op("MatMul", (step == null ? "" : step + "_") + param + "_matmul", x, wt),
                l.weight(param + ".bias"));
    }

    /**
     * The encoder layers one after the other, each as PyTorch computes it: attention and the
     * feed-forward network, each added to its input, with layer norms before (normFirst) or after.
     */
    private static String transformer(TransformerEncoder s, Layer l) {
        String x = l.x();
        for (int i = 0; i < s.layers(); i++) {
            String p = "layers." + i + ".";
            String st = "l" + i + "/";
            boolean last = i == s.layers() - 1;
            if (s.normFirst()) {
                String normed = layerNorm(l, x, p + "norm1", st + "norm1");
                String a = attention(l, List.of(normed, normed, normed), st + "attn_", p + "self_attn.", s.heads(),
                        true, false, false);
                x = l.op("Add", st + "attn_residual", x, a);
                String f = feedForward(s, l, layerNorm(l, x, p + "norm2", st + "norm2"), p, st);
                x = l.op("Add", last ? null : st + "ff_residual", x, f);
            } else {
                String a = attention(l, List.of(x, x, x), st + "attn_", p + "self_attn.", s.heads(), true, false,
                        false);
                x = layerNorm(l, l.op("Add", st + "attn_residual", x, a), p + "norm1", st + "norm1");
                String f = feedForward(s, l, x, p, st);
                x = layerNorm(l, l.op("Add", st + "ff_residual", x, f), p + "norm2", last ? null : st + "norm2");
            }
        }
        return x;
    }

    private static String layerNorm(Layer l, String x, String param, String step) {
        return l.node("LayerNormalization", step, x, l.weight(param + ".weight"), l.weight(param + ".bias"))
                .attr("axis", -1L).attr("epsilon", 1e-5f).name();
    }

    private static String feedForward(TransformerEncoder s, Layer l, String x, String p, String st) {
        String hidden = linear(l, x, p + "linear1", true, st + "linear1");
        String act;
        if (s.activation().equals("gelu")) {
            String erf = l.op("Erf", st + "erf", l.op("Div", st + "gelu_scaled", hidden,
                    l.constant(st + "sqrt2", (float) Math.sqrt(2))));
            String half = l.op("Mul", st + "gelu_half", hidden, l.constant(st + "half", 0.5f));
            act = l.op("Mul", st + "gelu", half, l.op("Add", st + "one_plus_erf", erf, l.constant(st + "one", 1f)));
        } else {
            act = l.op("Relu", st + "relu", hidden);
        }
        return linear(l, act, p + "linear2", true, st + "linear2");
    }

    private static String pool(String op, Pooling s, Layer l) {
        OnnxGraph.Node node = l.node(op, null, l.x()).ints("kernel_shape", s.window().kernel())
                .ints("strides", s.window().stride()).ints("pads", twice(s.pads()));
        if (op.equals("AveragePool")) {
            node.attr("count_include_pad", 1L); // as DJL and PyTorch count it
        }
        return node.name();
    }

    /**
     * ONNX's LSTM and GRU run time-major, one layer per operator, with their gates in another order
     * than PyTorch: transpose, stack the layers, and reorder each weight's gate blocks.
     */
    private static String recurrent(String op, Recurrent s, Layer l, int[] gateOrder) {
        int h = s.hidden();
        int dirs = s.bidirectional() ? 2 : 1;
        String seq = l.node("Transpose", "time_major", l.x()).ints("perm", 1, 0, 2).name();
        for (int layer = 0; layer < s.layers(); layer++) {
            List<Tensor> wi = new ArrayList<>();
            List<Tensor> wh = new ArrayList<>();
            List<Tensor> bi = new ArrayList<>();
            List<Tensor> bh = new ArrayList<>();
            for (String suffix : dirs == 2 ? List.of("", "_reverse") : List.of("")) {
                String tail = "_l" + layer + suffix;
                wi.add(l.tensor("weight_ih" + tail));
                wh.add(l.tensor("weight_hh" + tail));
                bi.add(l.tensor("bias_ih" + tail));
                bh.add(l.tensor("bias_hh" + tail));
            }
            long g = (long) s.gates() * h;
            String w = l.graph.initializer(l.name + ".W_l" + layer, new long[] {dirs, g, wi.get(0).shape()[1]},
                    stack(wi, gateOrder, List.of()));
            String r = l.graph.initializer(l.name + ".R_l" + layer, new long[] {dirs, g, h},
                    stack(wh, gateOrder, List.of()));
            String b = l.graph.initializer(l.name + ".B_l" + layer, new long[] {dirs, 2 * g},
                    stack(bi, gateOrder, bh));
            OnnxGraph.Node cell = l.node(op, op.toLowerCase() + "_l" + layer, seq, w, r, b)
                    .attr("hidden_size", (long) h).attr("direction", dirs == 2 ? "bidirectional" : "forward");
            if (s instanceof SimpleRNN rnn) {
                String act = rnn.activation().equals("relu") ? "Relu" : "Tanh";
                cell.strings("activations", dirs == 2 ? new String[] {act, act} : new String[] {act});
            }
            if (op.equals("GRU")) {
                cell.attr("linear_before_reset", 1L); // PyTorch's GRU applies the reset gate after the product
            }
            // (T, dirs, N, H) to (T, N, dirs*H), the next layer's input
            String steps = l.node("Transpose", "steps_l" + layer, cell.name()).ints("perm", 0, 2, 1, 3).name();
            seq = l.op("Reshape", "joined_l" + layer, steps, l.constant("joined_shape_l" + layer, new long[] {0, 0, -1}));
        }
        if (s.returnSequences()) {
            return l.node("Transpose", null, seq).ints("perm", 1, 0, 2).name();
        }
        // the last step, as the engine takes it (out[:, -1, :])
        return l.op("Gather", null, seq, l.graph.initializer(l.name + "/last", new long[0], new long[] {-1}));
    }

    /**
     * Concatenates one tensor per direction, each with its gate blocks (one per gate, in equal parts) in
     * ONNX's order; with {@code second} given, each direction's row is the first tensor then the second.
     */
    private static float[] stack(List<Tensor> first, int[] gateOrder, List<Tensor> second) {
        int total = first.stream().mapToInt(Tensor::size).sum() + second.stream().mapToInt(Tensor::size).sum();
        float[] out = new float[total];
        int at = 0;
        for (int d = 0; d < first.size(); d++) {
            for (Tensor t : second.isEmpty() ? List.of(first.get(d)) : List.of(first.get(d), second.get(d))) {
                int block = t.size() / gateOrder.length;
                for (int gate : gateOrder) {
                    System.arraycopy(t.values(), gate * block, out, at, block);
                    at += block;
                }
            }
        }
        return out;
    }

    private static long[] batchedShape(Shape sample) {
        long[] dims = new long[sample.rank() + 1];
        for (int i = 0; i < sample.rank(); i++) {
            dims[i + 1] = sample.dim(i);
        }
        return dims; // a 0 keeps the input's batch size
    }

    private static int batchedAxis(int axis) {
        return axis < 0 ? axis : axis + 1;
    }

    private static int[] twice(int[] pads) {
        int[] both = new int[pads.length * 2];
        System.arraycopy(pads, 0, both, 0, pads.length);
        System.arraycopy(pads, 0, both, pads.length, pads.length);
        return both;
    }

    private static String producerVersion() {
        Properties props = new Properties();
        try (InputStream in = OnnxExporter.class.getResourceAsStream("/org/layercanvas/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // the version is only informative
        }
        return props.getProperty("version", "development build");
    }

    private static String json(Map<String, Object> data) {
        try {
            return new ObjectMapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a translation sees of one layer, and the helpers to write its operators. */
    private static final class Layer {
        private final OnnxGraph graph;
        private final String name;
        private final List<String> inputs;
        private final List<Shape> inShapes;
        private final Shape output;
        private final Map<String, Tensor> weights = new LinkedHashMap<>();

        Layer(OnnxGraph graph, String name, List<String> inputs, List<Shape> inShapes, Shape output,
                List<Tensor> tensors) {
            this.graph = graph;
            this.name = name;
            this.inputs = inputs;
            this.inShapes = inShapes;
            this.output = output;
            tensors.forEach(t -> weights.put(t.name(), t));
        }

        String x() {
            return inputs.get(0);
        }

        Tensor tensor(String param) {
            Tensor t = weights.get(param);
            if (t == null) {
                throw new IllegalStateException(name + " has no trained " + param);
            }
            return t;
        }

        /** Adds the trained weight {@code param} as an initializer named {@code <layer>.<param>}. */
        String weight(String param) {
            Tensor t = tensor(param);
            return graph.initializer(name + "." + param, t.shape(), t.values());
        }

        String constant(String what, float value) {
            return graph.initializer(name + "/const_" + what, new long[0], new float[] {value});
        }

        String constant(String what, float[] values) {
            return graph.initializer(name + "/const_" + what, new long[] {values.length}, values);
        }

        String constant(String what, long[] values) {
            return graph.initializer(name + "/const_" + what, new long[] {values.length}, values);
        }

        /**
         * Adds an operator named {@code <layer>/<step>} whose output is {@code <layer>/<step>}, or
         * the layer's own name and output when {@code step} is null (the layer's last operator).
         */
        OnnxGraph.Node node(String op, String step, String... in) {
            String value = step == null ? name : name + "/" + step;
            return graph.node(op, value, List.of(in), value);
        }

        String op(String op, String step, String... in) {
            return node(op, step, in).name();
        }
    }
}
