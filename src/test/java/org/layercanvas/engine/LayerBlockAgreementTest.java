package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.graph.Add;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.AvgPool1d;
import org.layercanvas.graph.AvgPool2d;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Concat;
import org.layercanvas.graph.Conv1d;
import org.layercanvas.graph.Conv2d;
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
import org.layercanvas.graph.Inference;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerInputs;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerNorm;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.LeakyReLU;
import org.layercanvas.graph.MaxPool1d;
import org.layercanvas.graph.MaxPool2d;
import org.layercanvas.graph.Mish;
import org.layercanvas.graph.NodeReport;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.Reshape;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.SiLU;
import org.layercanvas.graph.Sigmoid;
import org.layercanvas.graph.Softmax;
import org.layercanvas.graph.Tanh;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.Samples;

/**
 * Builds every layer kind through DJL, runs it on real data, and checks that DJL's output shapes
 * and parameter counts are the ones our own shape inference shows in the window and the summary.
 */
@Tag("engine")
class LayerBlockAgreementTest {
    private static final int BATCH = 3;
    private static final Set<Class<?>> COVERED = Collections.synchronizedSet(new HashSet<>());
    private static NDManager manager;
    private final LayerBlockFactory factory = new LayerBlockFactory();

    @BeforeAll
    static void loadEngine() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void closeEngine() {
        manager.close();
    }

    private static Arguments of(LayerSpec spec, Shape... inputs) {
        return Arguments.of(spec, List.of(inputs));
    }

    private static Conv2d conv2d(int filters, List<Integer> kernel, List<Integer> stride, String padding,
            List<Integer> dilation, int groups, boolean bias) {
        return new Conv2d(filters, kernel, stride, padding, dilation, groups, bias);
    }

    static Stream<Arguments> layers() {
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
                of(new Dropout(0.3), Shape.of(10)),
                of(new Flatten(), Shape.of(16, 5, 5)),
                of(new Reshape(List.of(1, 28, 28)), Shape.of(784)),
                of(new Reshape(List.of(4, -1)), Shape.of(2, 6)),
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
                of(new GRU(6, 3, true, false), Shape.of(5, 2)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("layers")
    void djlComputesTheShapeAndParameterCountWeInfer(LayerSpec spec, List<Shape> inputs) {
        Inference ours = spec.infer(new LayerInputs(inputs, Collections.nCopies(inputs.size(), "x")));
        assertThat(ours.error()).isNull();
        NDReport djl = run(spec, inputs);
        assertThat(djl.output).as("output shape").isEqualTo(ours.output());
        assertThat(djl.params).as("parameters").isEqualTo(ours.params());
        COVERED.add(spec.getClass());
    }

    static List<Path> samples() {
        return Samples.designs();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyLayerOfEverySampleAgreesWithDjl(Path sample) throws Exception {
        Graph graph = new DesignCodec().read(sample).graph();
        Analysis analysis = Analysis.of(graph);
        for (String id : analysis.order()) {
            LayerNode node = graph.node(id);
            List<Shape> inputs = new ArrayList<>();
            for (Edge e : graph.inputsOf(id)) {
                inputs.add(analysis.shape(e.from()));
            }
            if (node.spec() instanceof Input in) {
                inputs.add(Shape.of(in.shape()));
            }
            NDReport djl = run(node.spec(), inputs);
            NodeReport ours = analysis.report(id);
            assertThat(djl.output).as(sample + " " + node.name()).isEqualTo(ours.output());
            assertThat(djl.params).as(sample + " " + node.name() + " parameters").isEqualTo(ours.params());
        }
    }

    @Test
    void theCasesCoverEveryKindInTheCatalog() {
        layers().forEach(a -> COVERED.add(a.get()[0].getClass()));
        assertThat(LayerCatalog.all()).allSatisfy(t -> assertThat(COVERED).as(t.name()).contains(t.specClass()));
        assertThat(LayerCatalog.all().stream().map(LayerType::specClass)).allMatch(factory::supports);
    }

    private record NDReport(Shape output, long params) {
    }

    private NDReport run(LayerSpec spec, List<Shape> inputs) {
        try (NDManager m = manager.newSubManager()) {
            Block block = factory.create(spec, inputs);
            ai.djl.ndarray.types.Shape[] batched = inputs.stream().map(LayerBlockAgreementTest::batched)
                    .toArray(ai.djl.ndarray.types.Shape[]::new);
            block.initialize(m, DataType.FLOAT32, batched);
            NDList x = new NDList();
            for (ai.djl.ndarray.types.Shape s : batched) {
                x.add(spec instanceof Embedding e
                        ? m.randomInteger(0, e.vocabulary(), s, DataType.INT32).toType(DataType.FLOAT32, false)
                        : m.randomNormal(s));
            }
            NDArray y = block.forward(new ParameterStore(m, false), x, true).singletonOrThrow();
            long[] dims = y.getShape().getShape();
            assertThat(dims[0]).as("batch axis").isEqualTo(BATCH);
            int[] sample = new int[dims.length - 1];
            for (int i = 1; i < dims.length; i++) {
                sample[i - 1] = Math.toIntExact(dims[i]);
            }
            long params = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            return new NDReport(Shape.of(sample), params);
        }
    }

    private static ai.djl.ndarray.types.Shape batched(Shape s) {
        long[] dims = new long[s.rank() + 1];
        dims[0] = BATCH;
        for (int i = 0; i < s.rank(); i++) {
            dims[i + 1] = s.dim(i);
        }
        return new ai.djl.ndarray.types.Shape(dims);
    }
}
