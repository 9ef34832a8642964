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
import org.layercanvas.graph.LayerCases;
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

    static Stream<Arguments> layers() {
        return LayerCases.all().map(c -> Arguments.of(c.spec(), c.inputs()));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("layers")
    void djlComputesTheShapeAndParameterCountWeInfer(LayerSpec spec, List<Shape> inputs) {
        Inference ours = spec.infer(new LayerInputs(inputs, Collections.nCopies(inputs.size(), "x")));
        assertThat(ours.error()).isNull();
        NDReport djl = run(spec, inputs);
        assertThat(djl.output).as("output shape").isEqualTo(ours.output());
        assertThat(djl.params).as("parameters").isEqualTo(ours.params());
        assertThat(djl.trainable).as("trainable parameters").isEqualTo(ours.params() - ours.nonTrainable());
        COVERED.add(spec.getClass());
    }

    static List<Path> samples() {
        return Samples.designs();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyLayerOfEverySampleAgreesWithDjl(Path sample) throws Exception {
        // a sample with blocks is compiled as its layers expanded: check those
        Graph graph = org.layercanvas.graph.Flattener.flatten(new DesignCodec().read(sample).graph()).graph();
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
            assertThat(djl.trainable).as(sample + " " + node.name() + " trainable").isEqualTo(ours.trainableParams());
        }
    }

    @Test
    void theCasesCoverEveryKindInTheCatalog() {
        layers().forEach(a -> COVERED.add(a.get()[0].getClass()));
        assertThat(LayerCatalog.all()).allSatisfy(t -> assertThat(COVERED).as(t.name()).contains(t.specClass()));
        assertThat(LayerCatalog.all().stream().map(LayerType::specClass)).allMatch(factory::supports);
    }

    private record NDReport(Shape output, long params, long trainable) {
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
            long trainable = block.getParameters().values().stream().filter(p -> p.requiresGradient())
                    .mapToLong(p -> p.getArray().size()).sum();
            return new NDReport(Shape.of(sample), params, trainable);
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
