package org.layercanvas.engine;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Flattener;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Output;

/**
 * A whole design as one DJL block: runs one child block per layer in topological order, feeding
 * each the outputs of the layers its connections come from. Takes one array per Input layer (in
 * the order the design lists them) and returns one per Output layer.
 */
public final class GraphBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /**
     * The activations an evaluation's batch may hold at once. A batch of 512 residual-CNN images held
     * 400 MiB, which the allocator took afresh from the system and gave back on every validation:
     * 0.5-1.3 s of page faults where batches this size take 0.2 s.
     */
    private static final long EVALUATION_BYTES = 32L << 20;
    private static final int MAX_EVALUATION_BATCH = 512;

    private final List<Block> layers = new ArrayList<>();
    private final List<String> layerIds = new ArrayList<>();
    private final List<int[]> sources = new ArrayList<>();
    private final int[] inputSlots;
    private final int[] outputSlots;
    private final List<long[]> slotShapes = new ArrayList<>();
    private final int evaluationBatch;

    /**
     * Compiles a design that analysis found free of errors.
     *
     * @throws IllegalArgumentException when the analysis has errors
     */
    GraphBlock(Graph design, Analysis analysis, LayerBlockFactory factory) {
        super(VERSION);
        // blocks run as the layers they stand for, named by their paths (stage2/block1/conv2)
        Graph graph = design.hasBlocks() ? Flattener.flatten(design).graph() : design;
        if (analysis.hasErrors()) {
            throw new IllegalArgumentException("a design with errors cannot be compiled");
        }
        Map<String, Integer> slot = new HashMap<>();
        List<Integer> inputs = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        // layers whose output depends on parameters: a layer after one gets its input's gradient
        Set<String> learned = new HashSet<>();
        for (String id : analysis.order()) {
            LayerNode node = graph.node(id);
            boolean inputGradient = graph.inputsOf(id).stream().anyMatch(e -> learned.contains(e.from()));
            if (inputGradient || analysis.report(id).params() > 0) {
                learned.add(id);
            }
            int s = slot.size();
            slot.put(id, s);
            List<Edge> in = graph.inputsOf(id);
            int[] from = new int[in.size()];
            List<org.layercanvas.graph.Shape> inShapes = new ArrayList<>();
            for (int i = 0; i < from.length; i++) {
                from[i] = slot.get(in.get(i).from());
                inShapes.add(analysis.shape(in.get(i).from()));
            }
            if (node.spec() instanceof Input input) {
                inShapes.add(org.layercanvas.graph.Shape.of(input.shape()));
                inputs.add(s);
            }
            if (node.spec() instanceof Output) {
                outputs.add(s);
            }
            sources.add(from);
            layers.add(addChildBlock(node.name(), factory.create(node.spec(), inShapes, inputGradient)));
            layerIds.add(id);
            slotShapes.add(analysis.shape(id).toList().stream().mapToLong(Integer::longValue).toArray());
        }
        // inputs in the order the design lists them, so callers can match arrays to Input layers
        List<String> listed = graph.nodes().stream().map(LayerNode::id).toList();
        inputs.sort((a, b) -> Integer.compare(listed.indexOf(analysis.order().get(a)),
                listed.indexOf(analysis.order().get(b))));
        outputs.sort((a, b) -> Integer.compare(listed.indexOf(analysis.order().get(a)),
                listed.indexOf(analysis.order().get(b))));
        inputSlots = inputs.stream().mapToInt(Integer::intValue).toArray();
        outputSlots = outputs.stream().mapToInt(Integer::intValue).toArray();
        evaluationBatch = (int) Math.max(1, Math.min(MAX_EVALUATION_BATCH,
                EVALUATION_BYTES / Math.max(1, analysis.totalMemoryBytes())));
    }

    /**
     * Returns how many samples to run at once when nothing is learned (validation, evaluation,
     * prediction): as many as {@value #EVALUATION_BYTES} bytes of activations hold, 1 to 512.
     */
    public int evaluationBatch() {
        return evaluationBatch;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray[] values = new NDArray[layers.size()];
        for (int i = 0; i < inputSlots.length; i++) {
            values[inputSlots[i]] = inputs.get(i);
        }
        for (int s = 0; s < layers.size(); s++) {
            // an Input's slot already holds its array: run only the layers that consume others
            NDList in = new NDList(sources.get(s).length);
            if (sources.get(s).length == 0) {
                in.add(values[s]);
            }
            for (int from : sources.get(s)) {
                in.add(values[from]);
            }
            values[s] = layers.get(s).forward(store, in, training, params).singletonOrThrow();
        }
        NDList out = new NDList(outputSlots.length);
        for (int s : outputSlots) {
            out.add(values[s]);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        for (int s = 0; s < layers.size(); s++) {
            int[] from = sources.get(s);
            Shape[] shapes = new Shape[Math.max(from.length, 1)];
            if (from.length == 0) {
                shapes[0] = batched(batch, slotShapes.get(s));
            }
            for (int i = 0; i < from.length; i++) {
                shapes[i] = batched(batch, slotShapes.get(from[i]));
            }
            layers.get(s).initialize(manager, dataType, shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape[] out = new Shape[outputSlots.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = batched(batch, slotShapes.get(outputSlots[i]));
        }
        return out;
    }

    /**
     * Loads weights saved from this design, and refuses weights of any other: DJL restores
     * parameters by position and would accept arrays of the wrong shape without a word.
     */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (var p : getParameters()) {
            if (p.getValue().isInitialized()) {
                expected.put(p.getKey(), p.getValue().getArray().getShape());
            }
        }
        super.loadParameters(manager, is);
        for (var p : getParameters()) {
            Shape want = expected.get(p.getKey());
            Shape got = p.getValue().getArray().getShape();
            if (want != null && !want.equals(got)) {
                throw new MalformedModelException("parameter " + p.getKey() + " is " + got + " in the file but "
                        + want + " in the design");
            }
        }
    }

    /** Returns each layer's block by node id, in the order the layers run. */
    Map<String, Block> layerBlocks() {
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            blocks.put(layerIds.get(i), layers.get(i));
        }
        return blocks;
    }

    /** Returns the shape of a batch for each Input layer, in design order. */
    public Shape[] inputShapes(long batch) {
        Shape[] shapes = new Shape[inputSlots.length];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = batched(batch, slotShapes.get(inputSlots[i]));
        }
        return shapes;
    }

    private static Shape batched(long batch, long[] dims) {
        long[] all = new long[dims.length + 1];
        all[0] = batch;
        System.arraycopy(dims, 0, all, 1, dims.length);
        return new Shape(all);
    }
}
