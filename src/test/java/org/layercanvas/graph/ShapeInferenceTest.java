package org.layercanvas.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeInferenceTest {

    private static Inference infer(LayerSpec spec, Shape... in) {
        return spec.infer(LayerInputs.of(in));
    }

    private static Conv2d conv(int filters, int kernel, int stride, String padding) {
        return new Conv2d(filters, List.of(kernel, kernel), List.of(stride, stride), padding, List.of(1, 1), 1, true);
    }

    @Test
    void denseMapsTheLastAxisAndCountsWeightsAndBias() {
        Inference r = infer(new Dense(128, true), Shape.of(784));
        assertThat(r.output()).isEqualTo(Shape.of(128));
        assertThat(r.params()).isEqualTo(784 * 128 + 128);
        assertThat(r.flops()).isEqualTo(784 * 128);
        assertThat(infer(new Dense(8, false), Shape.of(5, 3)).output()).isEqualTo(Shape.of(5, 8));
    }

    @Test
    void convolutionFollowsTheFloorFormula() {
        assertThat(infer(conv(6, 5, 1, "valid"), Shape.of(1, 28, 28)).output()).isEqualTo(Shape.of(6, 24, 24));
        assertThat(infer(conv(6, 5, 1, "same"), Shape.of(1, 28, 28)).output()).isEqualTo(Shape.of(6, 28, 28));
        assertThat(infer(conv(8, 3, 2, "1"), Shape.of(3, 32, 31)).output()).isEqualTo(Shape.of(8, 16, 16));
        Conv2d dilated = new Conv2d(4, List.of(3, 3), List.of(1, 1), "0", List.of(2, 2), 1, true);
        assertThat(infer(dilated, Shape.of(1, 10, 10)).output()).isEqualTo(Shape.of(4, 6, 6));
        Inference lenet = infer(conv(16, 5, 1, "valid"), Shape.of(6, 14, 14));
        assertThat(lenet.params()).isEqualTo(16 * 6 * 25 + 16);
        assertThat(lenet.flops()).isEqualTo(16L * 10 * 10 * 6 * 25);
    }

    @Test
    void groupedConvolutionDividesWeights() {
        Conv2d depthwise = new Conv2d(8, List.of(3, 3), List.of(1, 1), "same", List.of(1, 1), 8, false);
        assertThat(infer(depthwise, Shape.of(8, 5, 5)).params()).isEqualTo(8 * 9);
        assertThat(infer(depthwise, Shape.of(6, 5, 5)).error())
                .isEqualTo("has groups 8, which must divide both its 6 input channels and its 8 filters");
    }

    @Test
    void transposedConvolutionEnlargesByItsStrideAsPyTorchComputesIt() {
        List<Integer> two = List.of(2, 2);
        List<Integer> zero = List.of(0, 0);
        ConvTranspose2d up = new ConvTranspose2d(8, two, two, zero, zero, List.of(1, 1), 1, true);
        Inference r = infer(up, Shape.of(16, 7, 7));
        assertThat(r.output()).isEqualTo(Shape.of(8, 14, 14));
        assertThat(r.params()).isEqualTo(16 * 8 * 4 + 8);
        // (5 - 1)·2 - 2·1 + 1·(3 - 1) + 1 + 1 = 10
        ConvTranspose1d padded = new ConvTranspose1d(3, 3, 2, 1, 1, 1, 1, false);
        assertThat(infer(padded, Shape.of(4, 5)).output()).isEqualTo(Shape.of(3, 10));
        assertThat(infer(padded, Shape.of(4, 5)).params()).isEqualTo(4 * 3 * 3);
    }

    @Test
    void transposedConvolutionExplainsWhatItCannotDo() {
        ConvTranspose1d tooMuchOutputPadding = new ConvTranspose1d(3, 3, 2, 0, 2, 1, 1, true);
        assertThat(infer(tooMuchOutputPadding, Shape.of(4, 5)).error())
                .isEqualTo("has output padding 2, which must be smaller than its stride 2 or its dilation 1");
        assertThat(infer(new ConvTranspose1d(3, 3, 2, 0, 0, 1, 2, true), Shape.of(4, 5)).error())
                .isEqualTo("has groups 2, which must divide both its 4 input channels and its 3 filters");
        assertThat(infer(new ConvTranspose1d(3, 1, 1, 2, 0, 1, 1, true), Shape.of(4, 3)).error())
                .startsWith("would make an output of size -1 from its input (4,3)");
        assertThat(infer(new ConvTranspose1d(3, 3, 2, 0, 0, 1, 1, true), Shape.of(12)).error())
                .isEqualTo("expects input (C,L), got (12)");
    }

    @Test
    void upsamplingScalesOrTakesTheGivenSize() {
        assertThat(infer(new Upsample2d("nearest", List.of(2, 3), List.of(0, 0), false), Shape.of(3, 4, 5)).output())
                .isEqualTo(Shape.of(3, 8, 15));
        assertThat(infer(new Upsample2d("bilinear", List.of(2, 2), List.of(7, 9), true), Shape.of(3, 4, 5)).output())
                .isEqualTo(Shape.of(3, 7, 9));
        assertThat(infer(new Upsample1d("linear", 4, 0, false), Shape.of(2, 5)).output()).isEqualTo(Shape.of(2, 20));
        assertThat(infer(new Upsample2d("nearest", List.of(2, 2), List.of(7, 0), false), Shape.of(3, 4, 5)).error())
                .isEqualTo("has size 7x0: give every size, or all 0 to scale by 2x2");
        assertThat(infer(new Upsample1d("nearest", 2, 0, true), Shape.of(2, 5)).error())
                .isEqualTo("has alignCorners on, which only linear interpolation uses; turn it off or choose a linear mode");
        assertThat(infer(new Upsample2d("nearest", List.of(2, 2), List.of(0, 0), false), Shape.of(3, 4)).error())
                .isEqualTo("expects input (C,H,W), got (3,4)");
    }

    @Test
    void paddingAndCroppingChangeEachSideAndRefuseToCropEverything() {
        assertThat(infer(new ZeroPad2d(1, 2, 3, 4), Shape.of(3, 5, 5)).output()).isEqualTo(Shape.of(3, 8, 12));
        assertThat(infer(new Crop2d(1, 2, 0, 1), Shape.of(3, 5, 5)).output()).isEqualTo(Shape.of(3, 2, 4));
        assertThat(infer(new Crop1d(3, 3), Shape.of(3, 6)).error())
                .isEqualTo("cuts 6 off an axis of size 6, which leaves nothing");
        assertThat(infer(new AdaptiveAvgPool2d(List.of(1, 1)), Shape.of(16, 7, 7)).output()).isEqualTo(Shape.of(16, 1, 1));
        assertThat(infer(new AdaptiveAvgPool2d(List.of(1, 1)), Shape.of(16, 7)).error())
                .isEqualTo("expects input (C,H,W), got (16,7)");
    }

    @Test
    void groupAndInstanceNormsCountAScaleAndShiftPerChannelOnlyWhenAffine() {
        assertThat(infer(new GroupNorm(4, 1e-5, true), Shape.of(8, 5, 5)).params()).isEqualTo(16);
        assertThat(infer(new GroupNorm(4, 1e-5, false), Shape.of(8, 5, 5)).params()).isZero();
        assertThat(infer(new GroupNorm(3, 1e-5, true), Shape.of(8, 5, 5)).error())
                .isEqualTo("has 3 groups, which must divide its input's 8 channels (the first axis of (8,5,5))");
        assertThat(infer(new InstanceNorm(1e-5, true), Shape.of(6, 9)).params()).isEqualTo(12);
        assertThat(infer(new InstanceNorm(1e-5, false), Shape.of(6)).error())
                .isEqualTo("expects input (C,L) or (C,H,W), got (6)");
    }

    @Test
    void axisLayersMoveRemoveInsertAndReduceAxesAndSayWhichAxisIsWrong() {
        assertThat(infer(new Permute(List.of(2, 0, 1)), Shape.of(3, 4, 5)).output()).isEqualTo(Shape.of(5, 3, 4));
        assertThat(infer(new Permute(List.of(0, 0)), Shape.of(3, 4)).error())
                .isEqualTo("has order 0x0, which must name each axis from 0 to 1 once");
        assertThat(infer(new Permute(List.of(1, 0)), Shape.of(3, 4, 5)).error())
                .isEqualTo("has order 1x0 for 2 axes, but its input (3,4,5) has 3");
        assertThat(infer(new Squeeze(0), Shape.of(1, 28, 28)).output()).isEqualTo(Shape.of(28, 28));
        assertThat(infer(new Squeeze(1), Shape.of(1, 28, 28)).error())
                .isEqualTo("removes axis 1 of its input (1,28,28), which has size 28; only an axis of size 1 can go");
        assertThat(infer(new Unsqueeze(-1), Shape.of(28, 28)).output()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(infer(new Unsqueeze(3), Shape.of(28, 28)).error())
                .isEqualTo("inserts axis 3, but its output has 3 axes (from -3 to 2)");
        assertThat(infer(new Reduce("mean", List.of(0), false), Shape.of(10, 16)).output()).isEqualTo(Shape.of(16));
        assertThat(infer(new Reduce("max", List.of(1, 2), true), Shape.of(8, 5, 5)).output()).isEqualTo(Shape.of(8, 1, 1));
        assertThat(infer(new Reduce("sum", List.of(0, -2), false), Shape.of(10, 16)).error())
                .isEqualTo("has axes 0x-2, which name axis 0 twice");
        assertThat(infer(new Reduce("sum", List.of(0), false), Shape.of(10)).error())
                .isEqualTo("reduces every axis of its input (10), which leaves no axes; turn keepDims on or leave an axis out");
    }

    @Test
    void aPositionalEmbeddingLearnsATableOnlyWhenLearnedAndCoversUpToItsMaxLength() {
        assertThat(infer(new PositionalEmbedding("learned", 100), Shape.of(20, 16)).params()).isEqualTo(1600);
        assertThat(infer(new PositionalEmbedding("sinusoidal", 100), Shape.of(20, 16)).params()).isZero();
        assertThat(infer(new PositionalEmbedding("learned", 10), Shape.of(20, 16)).error())
                .isEqualTo("covers sequences up to maxLength 10, but its input (20,16) has 20 positions");
        // position 1: sin(1), cos(1) in the first pair; the next pair turns 10000^(2/4) = 100 times slower
        float[] table = PositionalEmbedding.sinusoid(2, 4);
        assertThat(table[4]).isCloseTo((float) Math.sin(1), org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(table[5]).isCloseTo((float) Math.cos(1), org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(table[6]).isCloseTo((float) Math.sin(0.01), org.assertj.core.data.Offset.offset(1e-7f));
    }

    @Test
    void attentionCountsFourProjectionsAndNeedsHeadsThatDivideTheWidth() {
        assertThat(infer(new MultiHeadAttention(4, 0.1, false, true), Shape.of(10, 16)).params())
                .isEqualTo(4 * 16 * 16 + 4 * 16);
        assertThat(infer(new MultiHeadAttention(4, 0.1, true, false), Shape.of(10, 16)).params()).isEqualTo(4 * 16 * 16);
        assertThat(infer(new MultiHeadAttention(3, 0.0, false, true), Shape.of(10, 16)).error())
                .isEqualTo("has 3 heads, which must divide its input's width 16 (the last axis of (10,16))");
        assertThat(infer(new MultiHeadAttention(2, 0.0, false, true), Shape.of(16)).error())
                .startsWith("expects a sequence (T,E) of vectors, got (16)");
    }

    @Test
    void attentionOnAQueryKeyAndValueHasTheQuerysLengthAndNamesTheInputThatDoesNotFit() {
        MultiHeadAttention attention = new MultiHeadAttention(4, 0.0, false, true);
        Inference cross = infer(attention, Shape.of(3, 16), Shape.of(7, 16), Shape.of(7, 16));
        assertThat(cross.output()).isEqualTo(Shape.of(3, 16));
        assertThat(cross.params()).isEqualTo(4 * 16 * 16 + 4 * 16);
        assertThat(infer(attention, Shape.of(3, 16), Shape.of(7, 8), Shape.of(7, 16)).error())
                .isEqualTo("expects its key (input 1) as wide as its query, 16, got (7,8) from 'input';"
                        + " a Dense before it makes the width 16");
        assertThat(infer(attention, Shape.of(3, 16), Shape.of(7, 16), Shape.of(6, 16)).error())
                .isEqualTo("expects its key (input 1) and value (input 2) of one length, got (7,16) from 'input'"
                        + " and (6,16) from 'input'");
        assertThat(infer(attention, Shape.of(3, 16), Shape.of(7, 16), Shape.of(16)).error())
                .startsWith("expects its value (input 2) to be a sequence (T,E) of vectors, got (16) from 'input'");
        assertThat(infer(new MultiHeadAttention(4, 0.0, true, true), Shape.of(3, 16), Shape.of(7, 16),
                Shape.of(7, 16)).error()).isEqualTo("is causal, so its query (input 0) and key (input 1) must be of"
                        + " one length, got (3,16) from 'input' and (7,16) from 'input'; turn causal off to attend"
                        + " across lengths");
        assertThat(infer(new MultiHeadAttention(4, 0.0, true, true), Shape.of(7, 16), Shape.of(7, 16),
                Shape.of(7, 16)).output()).isEqualTo(Shape.of(7, 16));
    }

    @Test
    void aTransformerEncoderCountsAttentionFeedForwardAndNormsPerLayer() {
        // per layer: attention 4·64² + 4·64, feed-forward 2·64·256 + 256 + 64, two norms 4·64
        long perLayer = 4 * 64 * 64 + 4 * 64 + 2 * 64 * 256 + 256 + 64 + 4 * 64;
        assertThat(infer(new TransformerEncoder(4, 256, 0.1, "relu", false, 3), Shape.of(10, 64)).params())
                .isEqualTo(3 * perLayer);
        assertThat(infer(new TransformerEncoder(5, 256, 0.1, "relu", false, 1), Shape.of(10, 64)).error())
                .isEqualTo("has 5 heads, which must divide its input's width 64 (the last axis of (10,64))");
    }

    @Test
    void convolutionOnAFlatVectorNamesTheExpectedLayout() {
        assertThat(infer(conv(8, 3, 1, "valid"), Shape.of(784)).error()).isEqualTo("expects input (C,H,W), got (784)");
        assertThat(infer(new Conv1d(4, 3, 1, "valid", 1, 1, true), Shape.of(784)).error())
                .isEqualTo("expects input (C,L), got (784)");
    }

    @Test
    void aKernelLargerThanItsInputIsAnError() {
        assertThat(infer(conv(8, 5, 1, "valid"), Shape.of(1, 4, 4)).error())
                .isEqualTo("shrinks its input (1,4,4) to (8,0,0): kernel 5x5 does not fit");
        assertThat(infer(new MaxPool2d(List.of(2, 2), List.of(2, 2), List.of(0, 0)), Shape.of(3, 1, 1)).error())
                .startsWith("shrinks its input (3,1,1)");
    }

    @Test
    void samePaddingWithAStrideIsRefusedWithTheReason() {
        assertThat(infer(conv(8, 3, 2, "same"), Shape.of(1, 8, 8)).error())
                .isEqualTo("cannot use padding 'same' with stride 2x2 and kernel 3x3;"
                        + " it needs stride 1 and an odd (dilated) kernel");
    }

    @Test
    void poolingAndGlobalPooling() {
        assertThat(infer(new MaxPool2d(List.of(2, 2), List.of(2, 2), List.of(0, 0)), Shape.of(6, 28, 28)).output())
                .isEqualTo(Shape.of(6, 14, 14));
        assertThat(infer(new AvgPool1d(3, 1, 1), Shape.of(4, 10)).output()).isEqualTo(Shape.of(4, 10));
        assertThat(infer(new MaxPool1d(2, 2, 2), Shape.of(4, 10)).error())
                .isEqualTo("has padding 2, more than half its kernel 2");
        assertThat(infer(new GlobalAvgPool(), Shape.of(32, 7, 7)).output()).isEqualTo(Shape.of(32));
        assertThat(infer(new GlobalMaxPool(), Shape.of(32)).error()).startsWith("expects input with spatial axes");
    }

    @Test
    void normalizationCountsItsParameters() {
        assertThat(infer(new BatchNorm(0.9, 1e-5), Shape.of(16, 7, 7)).params()).isEqualTo(64);
        assertThat(infer(new LayerNorm(1e-5), Shape.of(20, 32)).params()).isEqualTo(64);
    }

    @Test
    void reshapeInfersOneSizeAndRefusesAWrongCount() {
        assertThat(infer(new Reshape(List.of(1, -1)), Shape.of(784)).output()).isEqualTo(Shape.of(1, 784));
        assertThat(infer(new Reshape(List.of(7, 7)), Shape.of(50)).error())
                .isEqualTo("cannot reshape (50) (50 values) to (7,7) (49 values)");
        assertThat(infer(new Reshape(List.of(-1, -1)), Shape.of(50)).error()).startsWith("has more than one -1");
        assertThat(infer(new Flatten(), Shape.of(16, 5, 5)).output()).isEqualTo(Shape.of(400));
    }

    @Test
    void mergesCheckTheirInputShapes() {
        LayerInputs mismatch = new LayerInputs(List.of(Shape.of(16, 14, 14), Shape.of(8, 14, 14)), List.of("a", "b"));
        assertThat(new Add().infer(mismatch).error())
                .isEqualTo("needs inputs of one shape; got (16,14,14) from 'a' and (8,14,14) from 'b'");
        assertThat(new Concat(0).infer(mismatch).output()).isEqualTo(Shape.of(24, 14, 14));
        assertThat(new Concat(-1).infer(mismatch).error())
                .isEqualTo("needs inputs that agree off the concat axis -1; got (16,14,14) from 'a' and (8,14,14) from 'b'");
        assertThat(new Concat(3).infer(mismatch).error()).startsWith("has axis 3 but its input");
    }

    @Test
    void embeddingAndRecurrentLayers() {
        Inference e = infer(new Embedding(1000, 32), Shape.of(20));
        assertThat(e.output()).isEqualTo(Shape.of(20, 32));
        assertThat(e.params()).isEqualTo(32_000);
        Inference lstm = infer(new LSTM(64, 1, false, false), Shape.of(20, 32));
        assertThat(lstm.output()).isEqualTo(Shape.of(64));
        assertThat(lstm.params()).isEqualTo(4L * (64 * 32 + 64 * 64 + 2 * 64));
        Inference gru = infer(new GRU(8, 2, true, true), Shape.of(5, 3));
        assertThat(gru.output()).isEqualTo(Shape.of(5, 16));
        assertThat(gru.params()).isEqualTo(2L * 3 * (8 * 3 + 8 * 8 + 16) + 2L * 3 * (8 * 16 + 8 * 8 + 16));
        assertThat(infer(new LSTM(8, 1, false, false), Shape.of(784)).error()).startsWith("expects a sequence (T,F)");
    }

    @Test
    void outputChecksItsClassCountAgainstItsInputWidth() {
        LayerInputs in = new LayerInputs(List.of(Shape.of(3)), List.of("logits"));
        assertThat(new Output(Output.SOFTMAX_CROSS_ENTROPY, 10).infer(in).error())
                .isEqualTo("has 10 classes but its input (3) from 'logits' has width 3; set the layer before it to 10 outputs");
        assertThat(new Output(Output.SOFTMAX_CROSS_ENTROPY, 3).infer(in).isOk()).isTrue();
        assertThat(new Output(Output.SOFTMAX_CROSS_ENTROPY, 1).infer(LayerInputs.of(Shape.of(1))).error())
                .contains("use binary cross-entropy");
        assertThat(new Output(Output.MSE, 3).infer(LayerInputs.of(Shape.of(1, 3))).error())
                .startsWith("expects a vector of 3 values, got (1,3)");
    }
}
