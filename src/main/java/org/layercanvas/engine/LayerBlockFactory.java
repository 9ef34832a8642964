package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.layercanvas.graph.Add;
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
import org.layercanvas.graph.Resizing;
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
import org.layercanvas.graph.Concat;
import org.layercanvas.graph.ConvTranspose;
import org.layercanvas.graph.ConvTranspose1d;
import org.layercanvas.graph.ConvTranspose2d;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.ELU;
import org.layercanvas.graph.Embedding;
import org.layercanvas.graph.Flatten;
import org.layercanvas.graph.GELU;
import org.layercanvas.graph.GlobalAvgPool;
import org.layercanvas.graph.GlobalMaxPool;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerInputs;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LeakyReLU;
import org.layercanvas.graph.MaxPool1d;
import org.layercanvas.graph.MaxPool2d;
import org.layercanvas.graph.Mish;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Pooling;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.Reshape;
import org.layercanvas.graph.SiLU;
import org.layercanvas.graph.Sigmoid;
import org.layercanvas.graph.Softmax;
import org.layercanvas.graph.Tanh;
import org.layercanvas.graph.Window;

/**
 * Builds the DJL block of one layer. Shapes are the project's own (batch left out), already checked
 * by analysis; the factory only translates them into DJL's batch-first terms.
 */
public final class LayerBlockFactory {

    private final Map<Class<?>, Factory<?>> factories = new HashMap<>();

    /** Creates the factory with one entry per layer kind. */
    public LayerBlockFactory() {
        onActivationsAndMerges();
        on(Input.class, (s, in) -> Blocks.identityBlock());
        on(Output.class, (s, in) -> Blocks.identityBlock());
        on(Dense.class, (s, in) -> Linear.builder().setUnits(s.units()).optBias(s.bias()).build());
        on(Embedding.class, (s, in) -> new EmbeddingBlock(s.vocabulary(), s.dim()));
        on(org.layercanvas.graph.Conv1d.class, (s, in) -> convolution(s, true));
        on(org.layercanvas.graph.Conv2d.class, (s, in) -> convolution(s, true));
        on(ConvTranspose1d.class, (s, in) -> new TransposedConvolutionBlock(s, in.get(0).dim(0), true));
        on(ConvTranspose2d.class, (s, in) -> new TransposedConvolutionBlock(s, in.get(0).dim(0), true));
        on(MaxPool1d.class, (s, in) -> Pool.maxPool1dBlock(kernel(s), stride(s), pads(s)));
        on(MaxPool2d.class, (s, in) -> Pool.maxPool2dBlock(kernel(s), stride(s), pads(s)));
        on(AvgPool1d.class, (s, in) -> Pool.avgPool1dBlock(kernel(s), stride(s), pads(s)));
        on(AvgPool2d.class, (s, in) -> Pool.avgPool2dBlock(kernel(s), stride(s), pads(s)));
        // PyTorch's max takes one axis: fold the spatial axes into one first
        on(GlobalAvgPool.class, (s, in) -> LambdaBlock.singleton(x -> channelRows(x).mean(new int[] {2}),
                "globalAvgPool"));
        on(GlobalMaxPool.class, (s, in) -> LambdaBlock.singleton(x -> channelRows(x).max(new int[] {2}),
                "globalMaxPool"));
        on(org.layercanvas.graph.BatchNorm.class, (s, in) -> BatchNorm.builder()
                .optMomentum((float) s.momentum()).optEpsilon((float) s.epsilon()).build());
        on(org.layercanvas.graph.LayerNorm.class, (s, in) -> LayerNorm.builder().axis(in.get(0).rank())
                .optEpsilon((float) s.epsilon()).build());
        on(GroupNorm.class, (s, in) -> new GroupNormBlock(in.get(0).dim(0), s.groups(), s.epsilon(), s.affine()));
        on(InstanceNorm.class, (s, in) -> new GroupNormBlock(in.get(0).dim(0), in.get(0).dim(0), s.epsilon(),
                s.affine()));
        on(org.layercanvas.graph.Dropout.class, (s, in) -> Dropout.builder().optRate((float) s.rate()).build());
        on(Flatten.class, (s, in) -> Blocks.batchFlattenBlock());
        onResizing();
        on(Permute.class, (s, in) -> LambdaBlock.singleton(x -> x.transpose(s.batchedOrder()), "permute"));
        on(Squeeze.class, (s, in) -> {
            int axis = s.batchedAxis(in.get(0).rank());
            return LambdaBlock.singleton(x -> x.squeeze(axis), "squeeze");
        });
        on(Unsqueeze.class, (s, in) -> {
            int axis = s.batchedAxis(in.get(0).rank());
            return LambdaBlock.singleton(x -> x.expandDims(axis), "unsqueeze");
        });
        on(Reduce.class, (s, in) -> LambdaBlock.singleton(x -> reduce(x, s.op(), s.batchedAxes(in.get(0).rank()),
                s.keepDims()), "reduce"));
        on(Reshape.class, (s, in) -> {
            List<Integer> out = s.infer(LayerInputs.of(in.get(0))).output().toList();
            return LambdaBlock.singleton(x -> x.reshape(batched(x.getShape().get(0), out)), "reshape");
        });
        on(ReLU.class, (s, in) -> Activation.reluBlock());
        on(LeakyReLU.class, (s, in) -> Activation.leakyReluBlock((float) s.alpha()));
        on(ELU.class, (s, in) -> Activation.eluBlock((float) s.alpha()));
        on(GELU.class, (s, in) -> Activation.geluBlock());
        on(SiLU.class, (s, in) -> Activation.swishBlock(1f));
        // DJL's own mish takes log2 where Mish takes the natural log (softplus)
        on(Mish.class, (s, in) -> LambdaBlock.singleton(x -> x.mul(Activation.softPlus(x).tanh()), "mish"));
        on(Sigmoid.class, (s, in) -> Activation.sigmoidBlock());
        on(Tanh.class, (s, in) -> Activation.tanhBlock());
        on(Softmax.class, (s, in) -> LambdaBlock.singleton(x -> x.softmax(batchedAxis(s.axis())), "softmax"));
        on(Add.class, (s, in) -> new LambdaBlock(LayerBlockFactory::sum, "add"));
        on(Concat.class, (s, in) -> new LambdaBlock(
                list -> new NDList(NDArrays.concat(list, batchedAxis(s.axis()))), "concat"));
        on(org.layercanvas.graph.LSTM.class, (s, in) -> new RecurrentLayerBlock(s));
        on(org.layercanvas.graph.GRU.class, (s, in) -> new RecurrentLayerBlock(s));
        on(org.layercanvas.graph.SimpleRNN.class, (s, in) -> new RecurrentLayerBlock(s));
        on(org.layercanvas.graph.TransformerEncoder.class, (s, in) -> new TransformerEncoderBlock(s, in.get(0).dim(1)));
        on(org.layercanvas.graph.MultiHeadAttention.class, (s, in) -> new MultiHeadAttentionBlock(s, in.get(0).dim(1)));
        on(org.layercanvas.graph.PositionalEmbedding.class,
                (s, in) -> new PositionalEmbeddingBlock(s, in.get(0).dim(1)));
    }

    /** Builds the block of one layer kind from its spec and its input shapes per sample. */
    @FunctionalInterface
    private interface Factory<T extends LayerSpec> {
        Block create(T spec, List<org.layercanvas.graph.Shape> inputShapes);
    }

    private <T extends LayerSpec> void on(Class<T> kind, Factory<T> factory) {
        factories.put(kind, factory);
    }

    /** Returns whether a block can be built for this kind. */
    public boolean supports(Class<? extends LayerSpec> kind) {
        return factories.containsKey(kind);
    }

    /**
     * Returns the block that computes {@code spec} on inputs of these shapes, for a layer whose input
     * gradient training may ask for.
     *
     * @param inputShapes the layer's input shapes per sample, in port order, as analysis found them
     */
    public Block create(LayerSpec spec, List<org.layercanvas.graph.Shape> inputShapes) {
        return create(spec, inputShapes, true);
    }

    /**
     * Returns the block that computes {@code spec} on inputs of these shapes.
     *
     * @param inputShapes the layer's input shapes per sample, in port order, as analysis found them
     * @param inputGradient whether training asks for the gradient of the layer's input, which it does
     *     unless only data and layers without parameters lie upstream; convolutions pick their
     *     kernels by it ({@link ChannelPaddedConvolution})
     */
    public Block create(LayerSpec spec, List<org.layercanvas.graph.Shape> inputShapes, boolean inputGradient) {
        if (spec instanceof org.layercanvas.graph.Convolution c) {
            return convolution(c, inputGradient);
        }
        if (spec instanceof ConvTranspose t) {
            return new TransposedConvolutionBlock(t, inputShapes.get(0).dim(0), inputGradient);
        }
        @SuppressWarnings("unchecked")
        Factory<LayerSpec> factory = (Factory<LayerSpec>) factories.get(spec.getClass());
        if (factory == null) {
            throw new IllegalStateException("no block factory for " + spec.type().name());
        }
        return factory.create(spec, inputShapes);
    }

    /** PyTorch's max takes one axis at a time: the highest first, so the lower ones keep their numbers. */
    private static NDArray reduce(NDArray x, String op, int[] axes, boolean keep) {
        return switch (op) {
            case "sum" -> x.sum(axes, keep);
            case "max" -> {
                NDArray y = x;
                for (int i = axes.length - 1; i >= 0; i--) {
                    y = y.max(new int[] {axes[i]}, keep);
                }
                yield y;
            }
            default -> x.mean(axes, keep);
        };
    }

    private void onResizing() {
        on(Upsample1d.class, (s, in) -> resize(s, in.get(0)));
        on(Upsample2d.class, (s, in) -> resize(s, in.get(0)));
        on(AdaptiveAvgPool2d.class, (s, in) -> resize(s, in.get(0)));
        on(ZeroPad1d.class, (s, in) -> border(s));
        on(ZeroPad2d.class, (s, in) -> border(s));
        on(Crop1d.class, (s, in) -> border(s));
        on(Crop2d.class, (s, in) -> border(s));
    }

    /** Interpolation and adaptive pooling: one constant matrix per spatial axis. */
    private static Block resize(Resizing s, org.layercanvas.graph.Shape input) {
        int[] dims = input.dims();
        int[] in = Arrays.copyOfRange(dims, 1, dims.length);
        int[] out = s.resize(in).sizes();
        float[][] matrices = new float[in.length][];
        for (int i = 0; i < in.length; i++) {
            if (s instanceof Upsample u) {
                matrices[i] = u.linear() ? ResizeMatrices.linear(in[i], out[i], u.alignCorners())
                        : ResizeMatrices.nearest(in[i], out[i]);
            } else {
                matrices[i] = ResizeMatrices.adaptiveAverage(in[i], out[i]);
            }
        }
        return new SeparableResizeBlock(in, out, matrices);
    }

    /** Zero padding through F.pad, cropping by slicing. */
    private static Block border(Border s) {
        int rank = s.spatialRank();
        int[] before = s.before();
        int[] after = s.after();
        if (!s.crops()) {
            // F.pad's list runs from the last axis to the first
            long[] pad = new long[2 * rank];
            for (int i = 0; i < rank; i++) {
                pad[2 * (rank - 1 - i)] = before[i];
                pad[2 * (rank - 1 - i) + 1] = after[i];
            }
            return LambdaBlock.singleton(x -> x.pad(new Shape(pad), 0), "zeroPad");
        }
        return LambdaBlock.singleton(x -> {
            StringBuilder index = new StringBuilder(":, :");
            for (int i = 0; i < rank; i++) {
                index.append(", ").append(before[i]).append(':').append(x.getShape().get(i + 2) - after[i]);
            }
            return x.get(index.toString());
        }, "crop");
    }

    private void onActivationsAndMerges() {
        on(ReLU6.class, (s, in) -> LambdaBlock.singleton(x -> x.clip(0, 6), "relu6"));
        on(Hardswish.class, (s, in) -> LambdaBlock.singleton(x -> x.mul(x.add(3).clip(0, 6)).div(6), "hardswish"));
        on(Hardsigmoid.class, (s, in) -> LambdaBlock.singleton(x -> x.add(3).clip(0, 6).div(6), "hardsigmoid"));
        on(PReLU.class, (s, in) -> new PReLUBlock(s.perChannel() ? in.get(0).dim(0) : 1));
        on(Softplus.class, (s, in) -> LambdaBlock.singleton(x -> softplus(x, s), "softplus"));
        on(LogSoftmax.class, (s, in) -> LambdaBlock.singleton(x -> x.logSoftmax(batchedAxis(s.axis())),
                "logSoftmax"));
        on(Identity.class, (s, in) -> Blocks.identityBlock());
        on(Multiply.class, (s, in) -> new LambdaBlock(list -> fold(list, NDArray::mul), "multiply"));
        on(Subtract.class, (s, in) -> new LambdaBlock(list -> new NDList(list.get(0).sub(list.get(1))), "subtract"));
        on(Maximum.class, (s, in) -> new LambdaBlock(list -> fold(list, NDArray::maximum), "maximum"));
        on(Average.class, (s, in) -> new LambdaBlock(
                list -> new NDList(sum(list).singletonOrThrow().div(list.size())), "average"));
    }

    /**
     * PyTorch's softplus: the input itself where beta·x exceeds the threshold, else log(1 + e^(beta·x))/beta.
     * The exponent is capped at the threshold so that the branch not taken never overflows (an
     * infinity there would turn the gradient into NaN).
     */
    private static NDArray softplus(NDArray x, Softplus s) {
        NDArray scaled = x.mul(s.beta());
        NDArray smooth = scaled.minimum(s.threshold()).exp().add(1).log().div(s.beta());
        return NDArrays.where(scaled.gt(s.threshold()), x, smooth);
    }

    private static NDList fold(NDList inputs, java.util.function.BinaryOperator<NDArray> op) {
        NDArray total = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            total = op.apply(total, inputs.get(i));
        }
        return new NDList(total);
    }

    private static Block convolution(org.layercanvas.graph.Convolution c, boolean inputGradient) {
        Window w = c.window();
        Convolution.ConvolutionBuilder<?> builder = w.rank() == 1 ? Conv1d.builder() : Conv2d.builder();
        builder.setFilters(c.filters()).setKernelShape(shape(w.kernel())).optStride(shape(w.stride()))
                .optPadding(shape(c.resolvedPadding())).optDilation(shape(w.dilation())).optGroups(c.groups())
                .optBias(c.bias());
        return new ChannelPaddedConvolution(builder, w.rank(), inputGradient);
    }

    private static Shape kernel(Pooling p) {
        return shape(p.window().kernel());
    }

    private static Shape stride(Pooling p) {
        return shape(p.window().stride());
    }

    private static Shape pads(Pooling p) {
        return shape(p.pads());
    }

    private static NDList sum(NDList inputs) {
        NDArray total = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            total = total.add(inputs.get(i));
        }
        return new NDList(total);
    }

    /** Turns an axis of one sample (negative from the end) into the axis of a batch. */
    static int batchedAxis(int axis) {
        return axis < 0 ? axis : axis + 1;
    }

    private static NDArray channelRows(NDArray x) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1);
    }

    private static Shape batched(long batch, List<Integer> dims) {
        long[] all = new long[dims.size() + 1];
        all[0] = batch;
        for (int i = 0; i < dims.size(); i++) {
            all[i + 1] = dims.get(i);
        }
        return new Shape(all);
    }

    private static Shape shape(int[] dims) {
        return new Shape(Arrays.stream(dims).asLongStream().toArray());
    }
}
