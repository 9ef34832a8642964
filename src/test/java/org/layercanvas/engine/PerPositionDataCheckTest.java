package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.ShapesSource;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Flatten;
import org.layercanvas.graph.GlobalAvgPool;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.TestGraphs;

/** Before training, an output that predicts per position is checked against the data's masks or images. */
class PerPositionDataCheckTest {
    private static DataSplits shapes(ShapesSource.Task task) throws DataException {
        return new ShapesSource(task, 3, 16, 16, 40, 0.1, 0.2).load(1);
    }

    private static Conv2d conv(int filters, int stride) {
        return new Conv2d(filters, List.of(1, 1), List.of(stride, stride), "valid", List.of(1, 1), 1, true);
    }

    private static List<String> problems(DataSplits data, Output output, LayerSpec... layers) {
        TestGraphs g = new TestGraphs().add("input", new Input(List.of(3, 16, 16)));
        String previous = "input";
        for (int i = 0; i < layers.length; i++) {
            g.add("l" + i, layers[i]).link(previous, "l" + i);
            previous = "l" + i;
        }
        Graph graph = g.add("output", output).link(previous, "output").build();
        Analysis analysis = Analysis.of(graph);
        assertThat(analysis.hasErrors()).as("the design itself is sound").isFalse();
        return DataCheck.problems(graph, analysis, data);
    }

    @Test
    void matchingOutputsFitMasksAndImages() throws DataException {
        assertThat(problems(shapes(ShapesSource.Task.SEGMENT),
                new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 4), conv(4, 1))).isEmpty();
        assertThat(problems(shapes(ShapesSource.Task.RECONSTRUCT), new Output(Output.MSE_PER_POSITION, 3),
                conv(3, 1))).isEmpty();
        assertThat(problems(shapes(ShapesSource.Task.CLASSIFY), new Output(Output.SOFTMAX_CROSS_ENTROPY, 3),
                conv(3, 1), new GlobalAvgPool())).isEmpty();
    }

    @Test
    void aMaskNeedsAPerPositionOutputWithItsClassesAndPositions() throws DataException {
        DataSplits masks = shapes(ShapesSource.Task.SEGMENT);
        assertThat(problems(masks, new Output(Output.SOFTMAX_CROSS_ENTROPY, 4), conv(4, 1), new GlobalAvgPool()))
                .containsExactly("design output 'output' predicts once per sample (softmax_cross_entropy) but shapes"
                        + " (40 of 3×16×16, segment) has a class at each of (16,16) positions; use the loss"
                        + " softmax_cross_entropy_per_position on a (4,…) output");
        assertThat(problems(masks, new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 3), conv(3, 1)))
                .containsExactly("design output 'output' has 3 classes but shapes (40 of 3×16×16, segment) has 4"
                        + " (background, square, circle, triangle)");
        assertThat(problems(masks, new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 4), conv(4, 2)))
                .containsExactly("design output 'output' gets (4,8,8), a class at each of (8,8) positions, but"
                        + " shapes (40 of 3×16×16, segment) has masks of (16,16)");
    }

    @Test
    void anImageTargetNeedsAnOutputOfItsShape() throws DataException {
        DataSplits images = shapes(ShapesSource.Task.RECONSTRUCT);
        assertThat(problems(images, new Output(Output.MSE_PER_POSITION, 1), conv(1, 1)))
                .containsExactly("design output 'output' predicts (1,16,16) but shapes (40 of 3×16×16, reconstruct)"
                        + " has targets of (3,16,16)");
        assertThat(problems(images, new Output(Output.MSE, 768), new Flatten(), new Dense(768, true)))
                .containsExactly("design output 'output' predicts a vector (mse) but shapes (40 of 3×16×16,"
                        + " reconstruct) has targets of (3,16,16) per sample; use the loss mse_per_position on an"
                        + " output of that shape");
        assertThat(problems(images, new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION, 3), conv(3, 1)))
                .containsExactly("design output 'output' predicts a class at every position"
                        + " (softmax_cross_entropy_per_position) but shapes (40 of 3×16×16, reconstruct) has numeric"
                        + " targets; use mse_per_position for images");
    }

    @Test
    void oneClassPerSampleIsNotAMask() throws DataException {
        assertThat(problems(shapes(ShapesSource.Task.CLASSIFY), new Output(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION,
                3), conv(3, 1))).containsExactly("design output 'output' predicts a class at every position"
                        + " (softmax_cross_entropy_per_position) but shapes (40 of 3×16×16, classify) has one class"
                        + " per sample; use softmax_cross_entropy");
        assertThat(problems(shapes(ShapesSource.Task.CLASSIFY), new Output(Output.MSE_PER_POSITION, 3), conv(3, 1)))
                .containsExactly("design output 'output' predicts values at every position (mse_per_position) but"
                        + " shapes (40 of 3×16×16, classify) has one class per sample; use softmax_cross_entropy");
    }
}
