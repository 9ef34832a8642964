package org.layercanvas.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Output losses that predict at every position of an image or sequence check their input's shape. */
class PerPositionOutputTest {
    private static LayerInputs from(Shape shape) {
        return new LayerInputs(List.of(shape), List.of("head"));
    }

    @Test
    void perPositionLossesTakeChannelsFirstImagesAndSequences() {
        Output segment = new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 4);
        assertThat(segment.infer(from(Shape.of(4, 32, 32))).output()).isEqualTo(Shape.of(4, 32, 32));
        assertThat(segment.infer(from(Shape.of(4, 50))).output()).isEqualTo(Shape.of(4, 50));
        assertThat(segment.isClassification()).isTrue();
        assertThat(segment.isPerPosition()).isTrue();
        Output image = new Output(Output.MSE_PER_POSITION, 3);
        assertThat(image.infer(from(Shape.of(3, 28, 28))).output()).isEqualTo(Shape.of(3, 28, 28));
        assertThat(image.isClassification()).isFalse();
        assertThat(new Output(Output.MSE, 3).isPerPosition()).isFalse();
    }

    @Test
    void aShapeThatDoesNotFitTheLossIsRefusedWithWhatToChange() {
        assertThat(new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 4).infer(from(Shape.of(8, 32, 32))).error())
                .isEqualTo("has 4 classes but its input (8,32,32) from 'head' has 8 channels; set the layer before it"
                        + " to 4 filters");
        assertThat(new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 4).infer(from(Shape.of(4))).error())
                .isEqualTo("uses softmax_cross_entropy_per_position, which expects (C,H,W) or (C,L) with 4 classes"
                        + " first, got (4); for one prediction per sample use the loss softmax_cross_entropy");
        assertThat(new Output(Output.MSE_PER_POSITION, 3).infer(from(Shape.of(3, 2, 8, 8))).error())
                .isEqualTo("uses mse_per_position, which expects (C,H,W) or (C,L) with 3 channels first, got"
                        + " (3,2,8,8)");
        assertThat(new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 1).infer(from(Shape.of(1, 8, 8))).error())
                .contains("needs 2 or more (the background counts as one)");
    }

    @Test
    void aPerSampleLossOnAnImagePointsToThePerPositionOne() {
        assertThat(new Output(Output.SOFTMAX_CROSS_ENTROPY, 4).infer(from(Shape.of(4, 16, 16))).error())
                .isEqualTo("expects a vector of 4 classes, got (4,16,16); add a Flatten or a pooling layer before it;"
                        + " or, for a prediction at every position, use the loss softmax_cross_entropy_per_position");
        assertThat(new Output(Output.MSE, 3).infer(from(Shape.of(3, 16, 16))).error())
                .endsWith("use the loss mse_per_position");
    }

    @Test
    void theCatalogOffersThePerPositionLosses() {
        Param loss = LayerCatalog.typeOf(Output.class).param("loss");
        assertThat(loss.choices()).contains(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, Output.MSE_PER_POSITION);
    }
}
