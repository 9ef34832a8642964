package org.layercanvas.graph;

import java.util.List;
import java.util.stream.Stream;

/**
 * One or more cases per layer kind, with parameters that exercise its options (stride, padding,
 * groups, bidirectional, several layers, negative axes) and the input shapes to run it on. Every
 * test that checks a translation of the layers (DJL blocks, ONNX, PyTorch) runs all of them.
 */
public final class LayerCases {
    private LayerCases() {
    }

    /** One layer kind with its parameters, and its input shapes per sample in port order. */
    public record Case(LayerSpec spec, List<Shape> inputs) {
        @Override
        public String toString() {
            return spec + " on " + inputs;
        }
    }

    private static Case of(LayerSpec spec, Shape... inputs) {
        return new Case(spec, List.of(inputs));
    }

    private static Conv2d conv2d(int filters, List<Integer> kernel, List<Integer> stride, String padding,
            List<Integer> dilation, int groups, boolean bias) {
        return new Conv2d(filters, kernel, stride, padding, dilation, groups, bias);
    }

    /** Returns every case. */
    public static Stream<Case> all() {
        List<Integer> one = List.of(1, 1);
        return Stream.of(
                of(new Input(List.of(3, 5)), Shape.of(3, 5)),
                of(new Output(Output.SOFTMAX_CROSS_ENTROPY, 4), Shape.of(4)),
                of(new Dense(7, true), Shape.of(12)),
                of(new Dense(5, false), Shape.of(12)),
                of(new Dense(3, true), Shape.of(6, 4)),
                of(new Embedding(50, 8), Shape.of(9)),
                of(new Embedding(7, 3), Shape.of(1)),
                of(new Conv1d(6, 3, 1, "valid", 1, 1, true), Shape.of(2, 17)),
                of(new Conv1d(4, 5, 2, "2", 1, 2, false), Shape.of(4, 20)),
                of(new Conv1d(3, 3, 1, "same", 2, 1, true), Shape.of(3, 11)),
                of(conv2d(6, List.of(5, 5), one, "2", one, 1, true), Shape.of(1, 28, 28)),
                of(conv2d(8, List.of(3, 3), List.of(2, 2), "1", one, 1, false), Shape.of(3, 15, 16)),
                of(conv2d(4, List.of(3, 5), List.of(1, 2), "1,2", one, 2, true), Shape.of(2, 9, 13)),
                of(conv2d(5, List.of(3, 3), one, "same", List.of(2, 2), 1, true), Shape.of(3, 10, 10)),
                of(conv2d(6, List.of(3, 3), one, "same", one, 6, false), Shape.of(6, 7, 7)),
                of(new ConvTranspose1d(6, 3, 2, 1, 1, 1, 1, true), Shape.of(4, 9)),
                of(new ConvTranspose1d(4, 4, 1, 0, 0, 2, 2, false), Shape.of(6, 7)),
                of(new ConvTranspose1d(3, 2, 3, 2, 0, 1, 1, true), Shape.of(2, 5)),
                of(new ConvTranspose2d(5, List.of(2, 2), List.of(2, 2), List.of(0, 0), List.of(0, 0), one, 1, true),
                        Shape.of(3, 6, 7)),
                of(new ConvTranspose2d(4, List.of(3, 3), List.of(2, 1), List.of(1, 0), List.of(1, 0), one, 2, true),
                        Shape.of(6, 5, 4)),
                of(new ConvTranspose2d(10, List.of(3, 3), List.of(2, 2), one, one, one, 1, true), Shape.of(12, 4, 4)),
                of(new ConvTranspose2d(6, List.of(3, 3), one, one, List.of(0, 0), List.of(2, 2), 6, false),
                        Shape.of(6, 5, 5)),
                of(new MaxPool1d(2, 2, 0), Shape.of(3, 11)),
                of(new MaxPool1d(3, 1, 1), Shape.of(2, 8)),
                of(new AvgPool1d(4, 3, 2), Shape.of(2, 13)),
                of(new MaxPool2d(List.of(2, 2), List.of(2, 2), List.of(0, 0)), Shape.of(6, 28, 28)),
                of(new MaxPool2d(List.of(3, 3), List.of(2, 1), List.of(1, 1)), Shape.of(2, 9, 10)),
                of(new AvgPool2d(List.of(2, 2), List.of(2, 2), List.of(0, 0)), Shape.of(6, 27, 27)),
                of(new AvgPool2d(List.of(3, 2), List.of(1, 2), List.of(1, 0)), Shape.of(2, 6, 7)),
                of(new GlobalAvgPool(), Shape.of(5, 4, 3)),
                of(new GlobalAvgPool(), Shape.of(5, 9)),
                of(new GlobalMaxPool(), Shape.of(7, 6, 6)),
                of(new BatchNorm(0.9, 1e-5), Shape.of(4, 6, 6)),
                of(new BatchNorm(0.5, 1e-3), Shape.of(10)),
                of(new LayerNorm(1e-5), Shape.of(12)),
                of(new LayerNorm(1e-5), Shape.of(5, 8)),
                of(new GroupNorm(2, 1e-5, true), Shape.of(4, 3, 3)),
                of(new GroupNorm(3, 1e-3, false), Shape.of(6, 5)),
                of(new GroupNorm(1, 1e-5, true), Shape.of(8)),
                of(new InstanceNorm(1e-5, false), Shape.of(3, 4, 5)),
                of(new InstanceNorm(1e-3, true), Shape.of(4, 6)),
                of(new Dropout(0.3), Shape.of(10)),
                of(new Flatten(), Shape.of(16, 5, 5)),
                of(new Reshape(List.of(1, 28, 28)), Shape.of(784)),
                of(new Reshape(List.of(4, -1)), Shape.of(2, 6)),
                of(new Permute(List.of(1, 0)), Shape.of(3, 4)),
                of(new Permute(List.of(2, 0, 1)), Shape.of(2, 3, 4)),
                of(new Squeeze(0), Shape.of(1, 5, 6)),
                of(new Squeeze(-1), Shape.of(4, 1)),
                of(new Unsqueeze(0), Shape.of(5, 6)),
                of(new Unsqueeze(-1), Shape.of(3, 4)),
                of(new Unsqueeze(1), Shape.of(7)),
                of(new Reduce("mean", List.of(0), false), Shape.of(5, 3)),
                of(new Reduce("sum", List.of(1, 2), true), Shape.of(2, 3, 4)),
                of(new Reduce("max", List.of(-1, 0), false), Shape.of(3, 4, 5)),
                of(new Reduce("max", List.of(1), true), Shape.of(2, 6)),
                of(new Upsample1d("nearest", 2, 0, false), Shape.of(3, 5)),
                of(new Upsample1d("linear", 3, 0, false), Shape.of(2, 4)),
                of(new Upsample1d("linear", 2, 7, true), Shape.of(2, 5)),
                of(new Upsample1d("nearest", 2, 7, false), Shape.of(2, 3)),
                of(new Upsample2d("nearest", List.of(2, 2), List.of(0, 0), false), Shape.of(3, 4, 5)),
                of(new Upsample2d("bilinear", List.of(2, 3), List.of(0, 0), false), Shape.of(2, 3, 4)),
                of(new Upsample2d("bilinear", List.of(2, 2), List.of(5, 7), true), Shape.of(2, 3, 4)),
                of(new Upsample2d("nearest", List.of(1, 1), List.of(6, 5), false), Shape.of(2, 4, 3)),
                of(new Upsample2d("bilinear", List.of(2, 2), List.of(3, 2), false), Shape.of(2, 5, 5)),
                of(new ZeroPad1d(2, 1), Shape.of(3, 5)),
                of(new ZeroPad2d(1, 0, 2, 3), Shape.of(2, 4, 4)),
                of(new Crop1d(1, 2), Shape.of(3, 8)),
                of(new Crop2d(1, 2, 0, 1), Shape.of(2, 6, 5)),
                of(new AdaptiveAvgPool2d(List.of(1, 1)), Shape.of(4, 5, 5)),
                of(new AdaptiveAvgPool2d(List.of(3, 2)), Shape.of(2, 7, 5)),
                of(new AdaptiveAvgPool2d(List.of(4, 4)), Shape.of(3, 8, 8)),
                of(new AdaptiveAvgPool2d(List.of(5, 3)), Shape.of(2, 3, 3)),
                of(new ReLU(), Shape.of(5)),
                of(new LeakyReLU(0.1), Shape.of(2, 3)),
                of(new ELU(1.0), Shape.of(5)),
                of(new GELU(), Shape.of(5)),
                of(new SiLU(), Shape.of(5)),
                of(new Mish(), Shape.of(5)),
                of(new Sigmoid(), Shape.of(5)),
                of(new Tanh(), Shape.of(5)),
                of(new Softmax(-1), Shape.of(3, 4)),
                of(new Softmax(0), Shape.of(3, 4)),
                of(new Add(), Shape.of(4, 5), Shape.of(4, 5)),
                of(new Add(), Shape.of(6), Shape.of(6), Shape.of(6)),
                of(new Concat(0), Shape.of(4, 5, 5), Shape.of(2, 5, 5)),
                of(new Concat(-1), Shape.of(3), Shape.of(4), Shape.of(5)),
                of(new LSTM(16, 1, false, false), Shape.of(7, 5)),
                of(new LSTM(8, 2, true, true), Shape.of(6, 3)),
                of(new LSTM(5, 1, true, false), Shape.of(4, 3)),
                of(new GRU(10, 1, false, true), Shape.of(4, 6)),
                of(new GRU(6, 3, true, false), Shape.of(5, 2)),
                of(new SimpleRNN(8, 1, "tanh", false, false), Shape.of(6, 4)),
                of(new MultiHeadAttention(2, 0.0, false, true), Shape.of(5, 8)),
                of(new TransformerEncoder(2, 16, 0.1, "relu", false, 1), Shape.of(5, 8)),
                of(new TransformerEncoder(4, 12, 0.0, "gelu", true, 2), Shape.of(4, 12)),
                of(new MultiHeadAttention(4, 0.1, true, true), Shape.of(6, 12)),
                of(new MultiHeadAttention(1, 0.0, true, false), Shape.of(3, 5)),
                of(new MultiHeadAttention(2, 0.0, false, true), Shape.of(4, 8), Shape.of(6, 8), Shape.of(6, 8)),
                of(new MultiHeadAttention(3, 0.1, true, false), Shape.of(5, 6), Shape.of(5, 6), Shape.of(5, 6)),
                of(new PositionalEmbedding("learned", 10), Shape.of(6, 4)),
                of(new PositionalEmbedding("sinusoidal", 64), Shape.of(12, 7)),
                of(new SimpleRNN(5, 2, "relu", true, true), Shape.of(4, 3)),
                of(new SimpleRNN(7, 1, "tanh", true, false), Shape.of(5, 2)),
                of(new ReLU6(), Shape.of(2, 5)),
                of(new Hardswish(), Shape.of(3, 4, 4)),
                of(new Hardsigmoid(), Shape.of(7)),
                of(new PReLU(false), Shape.of(3, 4, 4)),
                of(new PReLU(true), Shape.of(3, 4, 4)),
                of(new PReLU(true), Shape.of(6)),
                of(new Softplus(1.0, 20.0), Shape.of(6)),
                of(new Softplus(2.5, 3.0), Shape.of(2, 6)),
                of(new LogSoftmax(-1), Shape.of(3, 4)),
                of(new LogSoftmax(0), Shape.of(3, 4)),
                of(new Identity(), Shape.of(2, 3)),
                of(new Multiply(), Shape.of(4, 5), Shape.of(4, 5)),
                of(new Multiply(), Shape.of(6), Shape.of(6), Shape.of(6)),
                of(new Subtract(), Shape.of(2, 3, 3), Shape.of(2, 3, 3)),
                of(new Maximum(), Shape.of(5), Shape.of(5), Shape.of(5)),
                of(new Average(), Shape.of(3, 4), Shape.of(3, 4)));
    }
}
