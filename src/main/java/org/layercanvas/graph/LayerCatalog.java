package org.layercanvas.graph;

import static org.layercanvas.graph.Arity.MANY;
import static org.layercanvas.graph.Arity.NONE;
import static org.layercanvas.graph.Arity.ONE;
import static org.layercanvas.graph.Arity.ONE_OR_THREE;
import static org.layercanvas.graph.Category.ACTIVATION;
import static org.layercanvas.graph.Category.BLOCK;
import static org.layercanvas.graph.Category.CONVOLUTION;
import static org.layercanvas.graph.Category.CORE;
import static org.layercanvas.graph.Category.INPUT_OUTPUT;
import static org.layercanvas.graph.Category.MERGE;
import static org.layercanvas.graph.Category.NORMALIZATION;
import static org.layercanvas.graph.Category.POOLING;
import static org.layercanvas.graph.Category.RESHAPING;
import static org.layercanvas.graph.Category.SEQUENCE;
import static org.layercanvas.graph.Param.choice;
import static org.layercanvas.graph.Param.dims;
import static org.layercanvas.graph.Param.flag;
import static org.layercanvas.graph.Param.integer;
import static org.layercanvas.graph.Param.padding;
import static org.layercanvas.graph.Param.real;
import static org.layercanvas.graph.Param.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every layer kind LayerCanvas knows, with its parameters, defaults, bounds and docs: the one source
 * the palette, the inspector, the file format and the docs are drawn from.
 */
public final class LayerCatalog {
    private static final int BIG = 1 << 20;
    private static final int AXES = 8;

    private static final List<LayerType> TYPES = List.of(
            type(Input.class, "Input", INPUT_OUTPUT, NONE, "Where data enters: the shape of one sample, batch left out.",
                    dims("shape", List.of(784), 0, 1, BIG, "Sizes of one sample, channels first: (784) or (1,28,28).")),
            type(Output.class, "Output", INPUT_OUTPUT, ONE, "Where the prediction leaves, with the loss that trains it.",
                    choice("loss", Output.SOFTMAX_CROSS_ENTROPY,
                            List.of(Output.SOFTMAX_CROSS_ENTROPY, Output.BINARY_CROSS_ENTROPY, Output.MSE,
                                    Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, Output.MSE_PER_POSITION),
                            "How predictions are compared with targets while training; the _per_position losses"
                                    + " predict at every position of a (C,H,W) or (C,L) output (segmentation, images)."),
                    integer("classes", 10, 1, BIG,
                            "Number of classes (cross-entropy) or of predicted values (MSE); must equal the input width,"
                                    + " or for a _per_position loss its channels.")),

            type(Dense.class, "Dense", CORE, ONE, "Fully connected: each output is a weighted sum of the last axis.",
                    integer("units", 64, 1, BIG, "Number of outputs."),
                    flag("bias", true, "Learn an offset added to each output.")),
            type(Embedding.class, "Embedding", CORE, ONE, "Maps each integer token id to a learned vector.",
                    integer("vocabulary", 10_000, 1, 10_000_000, "Number of distinct token ids (ids 0 to vocabulary-1)."),
                    integer("dim", 64, 1, 65_536, "Length of each token's vector.")),

            type(Conv1d.class, "Conv1d", CONVOLUTION, ONE, "Slides learned filters along a sequence (C,L).",
                    integer("filters", 32, 1, 65_536, "Number of output channels."),
                    integer("kernel", 3, 1, 1024, "Width of each filter."),
                    integer("stride", 1, 1, 1024, "Step between filter positions."),
                    padding("padding", "valid", "'valid' (none), 'same' (keep the length) or a size."),
                    integer("dilation", 1, 1, 1024, "Spacing between filter taps."),
                    integer("groups", 1, 1, 65_536, "Split channels into groups convolved separately."),
                    flag("bias", true, "Learn an offset per filter.")),
            type(Conv2d.class, "Conv2d", CONVOLUTION, ONE, "Slides learned filters over an image (C,H,W).",
                    integer("filters", 32, 1, 65_536, "Number of output channels."),
                    dims("kernel", List.of(3, 3), 2, 1, 1024, "Height and width of each filter."),
                    dims("stride", List.of(1, 1), 2, 1, 1024, "Step between filter positions, down and across."),
                    padding("padding", "valid", "'valid' (none), 'same' (keep the size) or sizes such as 1 or 1,2."),
                    dims("dilation", List.of(1, 1), 2, 1, 1024, "Spacing between filter taps, down and across."),
                    integer("groups", 1, 1, 65_536, "Split channels into groups convolved separately."),
                    flag("bias", true, "Learn an offset per filter.")),
            type(ConvTranspose1d.class, "ConvTranspose1d", CONVOLUTION, ONE,
                    "Scatters learned filters along a sequence (C,L); a stride lengthens it (upsampling).",
                    integer("filters", 32, 1, 65_536, "Number of output channels."),
                    integer("kernel", 3, 1, 1024, "Width of each filter."),
                    integer("stride", 2, 1, 1024, "Step between the input's positions in the output."),
                    integer("padding", 0, 0, 1024, "Positions taken off both ends of the output."),
                    integer("outputPadding", 0, 0, 1023,
                            "Positions added at the end, to reach an exact length; less than stride or dilation."),
                    integer("dilation", 1, 1, 1024, "Spacing between filter taps."),
                    integer("groups", 1, 1, 65_536, "Split channels into groups convolved separately."),
                    flag("bias", true, "Learn an offset per filter.")),
            type(ConvTranspose2d.class, "ConvTranspose2d", CONVOLUTION, ONE,
                    "Scatters learned filters over an image (C,H,W); a stride enlarges it (upsampling).",
                    integer("filters", 32, 1, 65_536, "Number of output channels."),
                    dims("kernel", List.of(2, 2), 2, 1, 1024, "Height and width of each filter."),
                    dims("stride", List.of(2, 2), 2, 1, 1024, "Step between the input's positions in the output."),
                    dims("padding", List.of(0, 0), 2, 0, 1024, "Rows and columns taken off each side of the output."),
                    dims("outputPadding", List.of(0, 0), 2, 0, 1023,
                            "Rows and columns added at the far side; each less than its stride or dilation."),
                    dims("dilation", List.of(1, 1), 2, 1, 1024, "Spacing between filter taps, down and across."),
                    integer("groups", 1, 1, 65_536, "Split channels into groups convolved separately."),
                    flag("bias", true, "Learn an offset per filter.")),

            type(MaxPool1d.class, "MaxPool1d", POOLING, ONE, "Keeps the largest value of each window along (C,L).",
                    integer("kernel", 2, 1, 1024, "Window width."),
                    integer("stride", 2, 1, 1024, "Step between windows."),
                    integer("padding", 0, 0, 1024, "Padding at both ends, at most half the window.")),
            type(MaxPool2d.class, "MaxPool2d", POOLING, ONE, "Keeps the largest value of each window of (C,H,W).",
                    dims("kernel", List.of(2, 2), 2, 1, 1024, "Window height and width."),
                    dims("stride", List.of(2, 2), 2, 1, 1024, "Step between windows, down and across."),
                    dims("padding", List.of(0, 0), 2, 0, 1024, "Padding on each side, at most half the window.")),
            type(AvgPool1d.class, "AvgPool1d", POOLING, ONE, "Averages each window along (C,L).",
                    integer("kernel", 2, 1, 1024, "Window width."),
                    integer("stride", 2, 1, 1024, "Step between windows."),
                    integer("padding", 0, 0, 1024, "Zero padding at both ends, at most half the window.")),
            type(AvgPool2d.class, "AvgPool2d", POOLING, ONE, "Averages each window of (C,H,W).",
                    dims("kernel", List.of(2, 2), 2, 1, 1024, "Window height and width."),
                    dims("stride", List.of(2, 2), 2, 1, 1024, "Step between windows, down and across."),
                    dims("padding", List.of(0, 0), 2, 0, 1024, "Zero padding on each side, at most half the window.")),
            type(AdaptiveAvgPool2d.class, "AdaptiveAvgPool2d", POOLING, ONE,
                    "Averages an image (C,H,W) down to a fixed size, whatever the input's size.",
                    dims("size", List.of(1, 1), 2, 1, BIG, "Output height and width.")),
            type(GlobalAvgPool.class, "GlobalAvgPool", POOLING, ONE, "Averages each channel over all positions: (C,...) to (C)."),
            type(GlobalMaxPool.class, "GlobalMaxPool", POOLING, ONE, "Takes each channel's maximum over all positions: (C,...) to (C)."),

            type(BatchNorm.class, "BatchNorm", NORMALIZATION, ONE,
                    "Normalizes each channel (first axis) over the batch, then scales and shifts.",
                    real("momentum", 0.9, 0, 1, "Share of the old running statistics kept at each batch."),
                    real("epsilon", 1e-5, 1e-12, 1, "Added to the variance to avoid dividing by zero.")),
            type(LayerNorm.class, "LayerNorm", NORMALIZATION, ONE,
                    "Normalizes each sample over its last axis, then scales and shifts.",
                    real("epsilon", 1e-5, 1e-12, 1, "Added to the variance to avoid dividing by zero.")),
            type(GroupNorm.class, "GroupNorm", NORMALIZATION, ONE,
                    "Normalizes each sample over groups of channels (first axis), then scales and shifts.",
                    integer("groups", 4, 1, 65_536, "Number of channel groups; must divide the channels."),
                    real("epsilon", 1e-5, 1e-12, 1, "Added to the variance to avoid dividing by zero."),
                    flag("affine", true, "Learn a scale and a shift per channel.")),
            type(InstanceNorm.class, "InstanceNorm", NORMALIZATION, ONE,
                    "Normalizes each channel of each sample over its positions, (C,L) or (C,H,W).",
                    real("epsilon", 1e-5, 1e-12, 1, "Added to the variance to avoid dividing by zero."),
                    flag("affine", false, "Learn a scale and a shift per channel.")),
            type(Dropout.class, "Dropout", NORMALIZATION, ONE, "Zeroes a random share of values while training.",
                    real("rate", 0.5, 0, 0.99, "Share of values zeroed at each training step.")),

            type(ReLU.class, "ReLU", ACTIVATION, ONE, "max(0, x)."),
            type(LeakyReLU.class, "LeakyReLU", ACTIVATION, ONE, "x for x > 0, alpha·x otherwise.",
                    real("alpha", 0.01, 0, 1, "Slope for negative inputs.")),
            type(ELU.class, "ELU", ACTIVATION, ONE, "x for x > 0, alpha·(eˣ − 1) otherwise.",
                    real("alpha", 1.0, 0, 10, "Value approached for very negative inputs, negated.")),
            type(GELU.class, "GELU", ACTIVATION, ONE, "Gaussian error linear unit, x·Φ(x)."),
            type(SiLU.class, "SiLU", ACTIVATION, ONE, "Sigmoid linear unit (swish), x·sigmoid(x)."),
            type(Mish.class, "Mish", ACTIVATION, ONE, "x·tanh(softplus(x))."),
            type(Sigmoid.class, "Sigmoid", ACTIVATION, ONE, "Squashes to (0, 1): 1 / (1 + e⁻ˣ)."),
            type(Tanh.class, "Tanh", ACTIVATION, ONE, "Squashes to (−1, 1)."),
            type(Softmax.class, "Softmax", ACTIVATION, ONE, "Turns values along an axis into probabilities.",
                    integer("axis", -1, -AXES, AXES - 1, "Axis of one sample (0 = first, -1 = last).")),
            type(ReLU6.class, "ReLU6", ACTIVATION, ONE, "min(max(0, x), 6), as mobile networks use it."),
            type(Hardswish.class, "Hardswish", ACTIVATION, ONE, "x·ReLU6(x + 3)/6, a cheap swish (MobileNetV3)."),
            type(Hardsigmoid.class, "Hardsigmoid", ACTIVATION, ONE, "ReLU6(x + 3)/6, a piecewise-linear sigmoid."),
            type(PReLU.class, "PReLU", ACTIVATION, ONE, "x for x > 0, a·x otherwise, with the slope a learned.",
                    flag("perChannel", false, "Learn one slope per channel (first axis) instead of one in all.")),
            type(Softplus.class, "Softplus", ACTIVATION, ONE, "log(1 + e^(beta·x))/beta, a smooth ReLU.",
                    real("beta", 1.0, 0.01, 100, "Sharpness: larger is closer to ReLU."),
                    real("threshold", 20.0, 1, 100, "Above this value of beta·x the output is x itself.")),
            type(LogSoftmax.class, "LogSoftmax", ACTIVATION, ONE, "The logarithm of a softmax along an axis.",
                    integer("axis", -1, -AXES, AXES - 1, "Axis of one sample (0 = first, -1 = last).")),
            type(Identity.class, "Identity", ACTIVATION, ONE, "Passes its input through unchanged."),

            type(Flatten.class, "Flatten", RESHAPING, ONE, "Flattens each sample to a vector."),
            type(Reshape.class, "Reshape", RESHAPING, ONE, "Gives each sample another shape with as many values.",
                    dims("shape", List.of(-1), 0, -1, BIG, "New sizes, batch left out; one may be -1 (inferred).")),
            type(Permute.class, "Permute", RESHAPING, ONE, "Reorders the axes of a sample: (T,F) to (F,T) with order 1,0.",
                    dims("order", List.of(1, 0), 0, 0, AXES - 1, "Each axis of the input once, in the new order (0 = first).")),
            type(Squeeze.class, "Squeeze", RESHAPING, ONE, "Removes an axis of size 1: (1,28,28) to (28,28).",
                    integer("axis", 0, -AXES, AXES - 1, "Axis of one sample to remove (0 = first, -1 = last).")),
            type(Unsqueeze.class, "Unsqueeze", RESHAPING, ONE, "Inserts an axis of size 1: (28,28) to (1,28,28).",
                    integer("axis", 0, -AXES, AXES - 1, "Where the new axis goes in the output (0 = first, -1 = last).")),
            type(Reduce.class, "Reduce", RESHAPING, ONE, "Mean, sum or maximum over chosen axes: (T,F) to (F) over 0.",
                    choice("op", "mean", Reduce.OPS, "mean, sum or max of the values along the axes."),
                    dims("axes", List.of(0), 0, -AXES, AXES - 1, "Axes of one sample to reduce (0 = first, -1 = last)."),
                    flag("keepDims", false, "Keep the reduced axes, with size 1.")),
            type(Upsample1d.class, "Upsample1d", RESHAPING, ONE, "Lengthens a sequence (C,L) by interpolation.",
                    choice("mode", Upsample.NEAREST, List.of(Upsample.NEAREST, "linear"),
                            "nearest (repeat values) or linear (interpolate between them)."),
                    integer("scale", 2, 1, 1024, "Factor the length grows by, when size is 0."),
                    integer("size", 0, 0, BIG, "Output length; 0 to grow by scale instead."),
                    flag("alignCorners", false, "Linear only: map the end points onto each other.")),
            type(Upsample2d.class, "Upsample2d", RESHAPING, ONE, "Enlarges an image (C,H,W) by interpolation.",
                    choice("mode", Upsample.NEAREST, List.of(Upsample.NEAREST, "bilinear"),
                            "nearest (repeat pixels) or bilinear (interpolate between them)."),
                    dims("scale", List.of(2, 2), 2, 1, 1024, "Factors height and width grow by, when size is 0,0."),
                    dims("size", List.of(0, 0), 2, 0, BIG, "Output height and width; 0,0 to grow by scale instead."),
                    flag("alignCorners", false, "Bilinear only: map the corner pixels onto each other.")),
            type(ZeroPad1d.class, "ZeroPad1d", RESHAPING, ONE, "Adds zeros at both ends of a sequence (C,L).",
                    integer("start", 1, 0, 65_536, "Zeros added before the first position."),
                    integer("end", 1, 0, 65_536, "Zeros added after the last position.")),
            type(ZeroPad2d.class, "ZeroPad2d", RESHAPING, ONE, "Adds zeros around an image (C,H,W).",
                    integer("top", 1, 0, 65_536, "Rows of zeros added above."),
                    integer("bottom", 1, 0, 65_536, "Rows of zeros added below."),
                    integer("left", 1, 0, 65_536, "Columns of zeros added on the left."),
                    integer("right", 1, 0, 65_536, "Columns of zeros added on the right.")),
            type(Crop1d.class, "Crop1d", RESHAPING, ONE, "Cuts positions off both ends of a sequence (C,L).",
                    integer("start", 1, 0, 65_536, "Positions cut off the start."),
                    integer("end", 1, 0, 65_536, "Positions cut off the end.")),
            type(Crop2d.class, "Crop2d", RESHAPING, ONE, "Cuts rows and columns off the sides of an image (C,H,W).",
                    integer("top", 1, 0, 65_536, "Rows cut off the top."),
                    integer("bottom", 1, 0, 65_536, "Rows cut off the bottom."),
                    integer("left", 1, 0, 65_536, "Columns cut off the left."),
                    integer("right", 1, 0, 65_536, "Columns cut off the right.")),

            type(Add.class, "Add", MERGE, MANY, "Adds inputs of one shape: the merge of a skip connection."),
            type(Concat.class, "Concat", MERGE, MANY, "Joins inputs along an axis; other sizes must agree.",
                    integer("axis", 0, -AXES, AXES - 1, "Axis of one sample to join along (0 = channels).")),
            type(Multiply.class, "Multiply", MERGE, MANY, "Multiplies inputs of one shape element-wise: a gate."),
            type(Subtract.class, "Subtract", MERGE, MANY, "Subtracts the second input from the first (one shape)."),
            type(Maximum.class, "Maximum", MERGE, MANY, "Takes the element-wise maximum of inputs of one shape."),
            type(Average.class, "Average", MERGE, MANY, "Averages inputs of one shape element-wise."),

            type(LSTM.class, "LSTM", SEQUENCE, ONE, "Long short-term memory over a sequence (T,F).",
                    integer("hidden", 64, 1, 65_536, "Size of the hidden state."),
                    integer("layers", 1, 1, 16, "Number of stacked layers."),
                    flag("bidirectional", false, "Also read the sequence backwards; outputs are joined."),
                    flag("returnSequences", false, "Output every step (T,H) instead of the last one (H).")),
            type(GRU.class, "GRU", SEQUENCE, ONE, "Gated recurrent unit over a sequence (T,F).",
                    integer("hidden", 64, 1, 65_536, "Size of the hidden state."),
                    integer("layers", 1, 1, 16, "Number of stacked layers."),
                    flag("bidirectional", false, "Also read the sequence backwards; outputs are joined."),
                    flag("returnSequences", false, "Output every step (T,H) instead of the last one (H).")),
            type(PositionalEmbedding.class, "PositionalEmbedding", SEQUENCE, ONE,
                    "Adds a vector per position to a sequence (T,D): learned, or the fixed sinusoids.",
                    choice("kind", PositionalEmbedding.LEARNED, List.of(PositionalEmbedding.LEARNED, "sinusoidal"),
                            "learned (a trained table) or sinusoidal (fixed sines and cosines)."),
                    integer("maxLength", 512, 1, 1_000_000, "Longest sequence the table covers.")),
            type(MultiHeadAttention.class, "MultiHeadAttention", SEQUENCE, ONE_OR_THREE,
                    "Attention over sequences (T,E): each position mixes in those it attends to. One input attends"
                            + " over itself; three are a query, a key and a value (inputs 0, 1, 2), key and value"
                            + " of one length, all of one width E, and the output has the query's length.",
                    integer("heads", 4, 1, 1024, "Number of attention heads; must divide the width E."),
                    real("dropout", 0.0, 0, 0.99, "Share of attention weights zeroed while training."),
                    flag("causal", false, "Each position sees only itself and those before it; with three inputs,"
                            + " the query and key must be of one length."),
                    flag("bias", true, "Learn offsets in the projections.")),
            type(TransformerEncoder.class, "TransformerEncoder", SEQUENCE, ONE,
                    "Transformer encoder layers over a sequence (T,E): self-attention, then a feed-forward network.",
                    integer("heads", 4, 1, 1024, "Number of attention heads; must divide the width E."),
                    integer("feedForward", 256, 1, 1 << 20, "Width of the feed-forward network's hidden layer."),
                    real("dropout", 0.1, 0, 0.99, "Share of values zeroed while training."),
                    choice("activation", "relu", List.of("relu", "gelu"), "In the feed-forward network."),
                    flag("normFirst", false, "Normalize each sublayer's input (pre-norm) instead of the sum after it."),
                    integer("layers", 1, 1, 64, "Number of encoder layers stacked.")),
            type(SimpleRNN.class, "SimpleRNN", SEQUENCE, ONE, "A plain recurrent layer over a sequence (T,F).",
                    integer("hidden", 64, 1, 65_536, "Size of the hidden state."),
                    integer("layers", 1, 1, 16, "Number of stacked layers."),
                    choice("activation", "tanh", List.of("tanh", "relu"), "Applied to each new hidden state."),
                    flag("bidirectional", false, "Also read the sequence backwards; outputs are joined."),
                    flag("returnSequences", false, "Output every step (T,H) instead of the last one (H).")));

    /** The kinds that structure a design (blocks); found by name and class, never offered as layers. */
    private static final List<LayerType> STRUCTURAL = List.of(
            type(Block.class, "Block", BLOCK, MANY, "A reusable group of layers, defined once in the design;"
                    + " repeat chains copies of it.",
                    text("definition", "block", "The id of the block's definition in the design."),
                    integer("repeat", 1, 1, 1000, "How many copies are chained one after the other.")),
            type(BlockInput.class, "BlockInput", BLOCK, NONE, "Where data enters a block's body.",
                    integer("index", 0, 0, 63, "Which input of the block, from 0.")),
            type(BlockOutput.class, "BlockOutput", BLOCK, ONE, "Where data leaves a block's body."));

    private static final Map<String, LayerType> BY_NAME = index();
    private static final Map<Class<?>, LayerType> BY_CLASS = byClass();

    private LayerCatalog() {
    }

    /** Returns every layer kind in palette order; the structural kinds of blocks are not among them. */
    public static List<LayerType> all() {
        return TYPES;
    }

    /** Returns the kinds that structure a design: a block instance, a block's input and output. */
    public static List<LayerType> structural() {
        return STRUCTURAL;
    }

    /** Returns the kind with this name, compared case-insensitively. */
    public static Optional<LayerType> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Returns the kind whose record is {@code specClass}. */
    public static LayerType typeOf(Class<? extends LayerSpec> specClass) {
        LayerType type = BY_CLASS.get(specClass);
        if (type == null) {
            throw new IllegalStateException("no catalog entry for " + specClass.getName());
        }
        return type;
    }

    private static LayerType type(Class<? extends LayerSpec> spec, String name, Category category, Arity arity,
            String doc, Param... params) {
        return new LayerType(name, category, doc, arity, spec, List.of(params));
    }

    private static Map<String, LayerType> index() {
        Map<String, LayerType> map = new LinkedHashMap<>();
        for (LayerType t : java.util.stream.Stream.concat(TYPES.stream(), STRUCTURAL.stream()).toList()) {
            map.put(t.name().toLowerCase(java.util.Locale.ROOT), t);
        }
        return Map.copyOf(map);
    }

    private static Map<Class<?>, LayerType> byClass() {
        Map<Class<?>, LayerType> map = new java.util.HashMap<>();
        for (LayerType t : java.util.stream.Stream.concat(TYPES.stream(), STRUCTURAL.stream()).toList()) {
            map.put(t.specClass(), t);
        }
        return Map.copyOf(map);
    }
}
