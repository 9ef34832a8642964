package org.layercanvas.engine;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;

/**
 * A design with weights, ready to predict: compiled, initialized, and loaded from a params file.
 * Weights are restored by position, so a params file reloads only into the design it was saved from.
 */
public final class TrainedModel implements AutoCloseable {
    private static final Map<String, String> TORCH_NAMES = Map.of("gamma", "weight", "beta", "bias",
            "runningMean", "running_mean", "runningVar", "running_var");

    private final Model model;
    private final GraphBlock block;
    private final int[] inputShape;

    private TrainedModel(Model model, GraphBlock block, int[] inputShape) {
        this.model = model;
        this.block = block;
        this.inputShape = inputShape;
    }

    private static TrainedModel compile(Graph graph) {
        Analysis analysis = Analysis.of(graph);
        if (analysis.hasErrors()) {
            throw new IllegalArgumentException("the design has errors; fix them before using its weights");
        }
        GraphBlock block = new GraphBlock(graph, analysis, new LayerBlockFactory());
        Model model = Model.newInstance("layercanvas", "PyTorch");
        model.setBlock(block);
        Input input = (Input) graph.nodes().stream().map(LayerNode::spec).filter(s -> s instanceof Input)
                .findFirst().orElseThrow();
        int[] shape = input.shape().stream().mapToInt(Integer::intValue).toArray();
        block.initialize(model.getNDManager(), DataType.FLOAT32, block.inputShapes(1));
        return new TrainedModel(model, block, shape);
    }

    /** Returns the design with freshly initialized weights drawn from {@code seed}. */
    public static TrainedModel initialized(Graph graph, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        return compile(graph);
    }

    /**
     * Returns the design with the weights in {@code params}.
     *
     * @throws IOException when the file cannot be read or holds weights of another design
     */
    public static TrainedModel load(Graph graph, Path params) throws IOException {
        TrainedModel m = compile(graph);
        try {
            WeightsFile.load(m.block, m.model.getNDManager(), params);
        } catch (IOException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** Writes the weights to {@code params}. */
    public void save(Path params) throws IOException {
        WeightsFile.save(block, params);
    }

    /**
     * Writes the model in DJL's own format: {@code dir/<name>-0000.params}, loadable with
     * {@code Model.load(dir, name)} into a block compiled from the same design.
     */
    public void saveDjlModel(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        model.save(dir, name);
    }

    /**
     * Returns the design with weights read through DJL's own model loading from {@code dir}.
     *
     * @throws IOException when the folder holds no model of that name or weights of another design
     */
    public static TrainedModel loadDjlModel(Graph graph, Path dir, String name) throws IOException {
        TrainedModel m = compile(graph);
        try {
            m.model.load(dir, name);
        } catch (java.io.EOFException e) {
            m.close();
            throw new RunFolderException(dir.resolve(name + "-0000.params") + " is truncated: it ends before all of"
                    + " the design's weights were read.", "The file is damaged: export the run again.", e);
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            m.close();
            throw new RunFolderException(dir + " does not hold a model of this design: " + e.getMessage(),
                    "Export the run again.", e);
        } catch (IOException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /**
     * Returns the trained parameters of every layer that has any, by node id in the order the layers
     * run, each under PyTorch's name for it (DJL's {@code gamma} is PyTorch's {@code weight}).
     */
    public Map<String, List<Tensor>> weights() {
        Map<String, List<Tensor>> all = new LinkedHashMap<>();
        block.layerBlocks().forEach((id, layer) -> {
            List<Tensor> tensors = new ArrayList<>();
            for (var p : layer.getParameters()) {
                NDArray array = p.getValue().getArray();
                tensors.add(new Tensor(TORCH_NAMES.getOrDefault(p.getKey(), p.getKey()), array.getShape().getShape(),
                        array.toType(DataType.FLOAT32, false).toFloatArray()));
            }
            if (!tensors.isEmpty()) {
                all.put(id, List.copyOf(tensors));
            }
        });
        return all;
    }

    /**
     * Replaces the weights with these, by node id and PyTorch's name for each parameter, as
     * {@link #weights()} returns them: the way weights made elsewhere (an imported model) get in.
     *
     * @throws IllegalArgumentException naming the layer and parameter that is missing or has another
     *     shape; the weights are then partly replaced and the model should be closed
     */
    public void assign(Map<String, List<Tensor>> weights) {
        block.layerBlocks().forEach((id, layer) -> {
            Map<String, Tensor> given = new LinkedHashMap<>();
            weights.getOrDefault(id, List.of()).forEach(t -> given.put(t.name(), t));
            for (var p : layer.getParameters()) {
                String name = TORCH_NAMES.getOrDefault(p.getKey(), p.getKey());
                Tensor t = given.get(name);
                NDArray array = p.getValue().getArray();
                if (t == null) {
                    throw new IllegalArgumentException("layer " + id + " has no " + name + " among the weights given");
                }
                if (!java.util.Arrays.equals(array.getShape().getShape(), t.shape())) {
                    throw new IllegalArgumentException("layer " + id + ": " + name + " has shape "
                            + java.util.Arrays.toString(t.shape()) + " but the design needs " + array.getShape());
                }
                array.set(t.values());
            }
        });
    }

    /** Returns how many samples {@link #predict} should be given at once, as {@link GraphBlock#evaluationBatch} says. */
    public int evaluationBatch() {
        return block.evaluationBatch();
    }

    /** Returns the shape of one input sample. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /**
     * Returns the network's raw outputs (logits for classification) for {@code n} samples whose
     * features lie one after another in {@code features}, already normalized. Runs them
     * {@link #evaluationBatch} at a time, so any number takes no more memory than one such batch.
     */
    public float[] predict(float[] features, int n) {
        int batch = block.evaluationBatch();
        if (n <= batch) {
            return predictBatch(features, n);
        }
        int per = features.length / n;
        float[] out = null;
        for (int from = 0; from < n; from += batch) {
            int k = Math.min(batch, n - from);
            float[] part = predictBatch(Arrays.copyOfRange(features, from * per, (from + k) * per), k);
            int width = part.length / k;
            if (out == null) {
                out = new float[n * width];
            }
            System.arraycopy(part, 0, out, from * width, part.length);
        }
        return out;
    }

    private float[] predictBatch(float[] features, int n) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            long[] dims = new long[inputShape.length + 1];
            dims[0] = n;
            for (int i = 0; i < inputShape.length; i++) {
                dims[i + 1] = inputShape[i];
            }
            NDArray x = m.create(features, new Shape(dims));
            NDList out = block.forward(new ParameterStore(m, false), new NDList(x), false);
            return out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
