package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.Recurrent;
import org.layercanvas.graph.SimpleRNN;

/**
 * An LSTM, GRU or simple RNN over batch-first sequences, with its parameters in PyTorch's order and names
 * ({@code weight_ih_l0}, {@code weight_hh_l0_reverse}, ...).
 *
 * <p>DJL's own recurrent blocks list a layer's weights for both directions before its biases, which
 * PyTorch reads per direction: bidirectional layers then fail at the first batch. Holding the
 * parameters in PyTorch's order fixes that, and lets exports name them as PyTorch does.
 */
final class RecurrentLayerBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final boolean lstm;
    /** A simple RNN's activation, or null for an LSTM or GRU. */
    private final ai.djl.nn.recurrent.RNN.Activation activation;
    private final int hidden;
    private final int layers;
    private final boolean bidirectional;
    private final boolean returnSequences;
    private final int gates;
    private final List<Parameter> ordered = new ArrayList<>();

    RecurrentLayerBlock(Recurrent spec) {
        super(VERSION);
        lstm = spec instanceof LSTM;
        activation = spec instanceof SimpleRNN r ? (r.activation().equals("relu") ? ai.djl.nn.recurrent.RNN.Activation.RELU
                : ai.djl.nn.recurrent.RNN.Activation.TANH) : null;
        hidden = spec.hidden();
        layers = spec.layers();
        bidirectional = spec.bidirectional();
        returnSequences = spec.returnSequences();
        gates = spec.gates();
        for (int layer = 0; layer < layers; layer++) {
            for (String suffix : bidirectional ? new String[] {"", "_reverse"} : new String[] {""}) {
                String tail = "_l" + layer + suffix;
                ordered.add(param("weight_ih" + tail, Parameter.Type.WEIGHT));
                ordered.add(param("weight_hh" + tail, Parameter.Type.WEIGHT));
                ordered.add(param("bias_ih" + tail, Parameter.Type.BIAS));
                ordered.add(param("bias_hh" + tail, Parameter.Type.BIAS));
            }
        }
    }

    private Parameter param(String name, Parameter.Type type) {
        return addParameter(Parameter.builder().setName(name).setType(type).build());
    }

    private int directions() {
        return bidirectional ? 2 : 1;
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        long features = inputShapes[0].get(2);
        for (Parameter p : ordered) {
            String name = p.getName();
            long in = name.contains("_l0") ? features : (long) hidden * directions();
            if (name.startsWith("bias")) {
                p.setShape(new Shape((long) gates * hidden));
            } else if (name.startsWith("weight_ih")) {
                p.setShape(new Shape((long) gates * hidden, in));
            } else {
                p.setShape(new Shape((long) gates * hidden, hidden));
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.head();
        NDList weights = new NDList(ordered.size());
        for (Parameter p : ordered) {
            weights.add(store.getValue(p, input.getDevice(), training));
        }
        NDManager manager = input.getManager();
        Shape stateShape = new Shape((long) layers * directions(), input.size(0), hidden);
        NDArray sequence;
        if (lstm && !training) {
            sequence = inDoublePrecision(input, weights, stateShape);
        } else {
            NDArrayEx ex = input.getNDArrayInternal();
            NDList result = activation != null
                    ? ex.rnn(input, manager.zeros(stateShape), weights, true, layers, activation, 0, training,
                            bidirectional, true)
                    : lstm
                    ? ex.lstm(input, new NDList(manager.zeros(stateShape), manager.zeros(stateShape)), weights, true,
                            layers, 0, training, bidirectional, true)
                    : ex.gru(input, manager.zeros(stateShape), weights, true, layers, 0, training, bidirectional,
                            true);
            sequence = result.get(0);
        }
        // the last step's output, as PyTorch code usually takes it (out[:, -1, :])
        return new NDList(returnSequences ? sequence : sequence.get(":, -1, :"));
    }

    /**
     * Runs the LSTM on float64 copies and returns the float32 sequence.
     *
     * <p>libtorch hands a float32 LSTM to oneDNN's RNN primitive, and its inference kernel
     * ({@code brgemm:avx512_core} in oneDNN 3.7.1) is wrong on these machines for hidden sizes whose
     * remainder by 32 is 1 to 16 (5, 8, 16, 33, ...: differences up to 0.4); its training kernel is
     * right (docs/native-kernels.md). For float64 libtorch runs its own LSTM, which is right under
     * every oneDNN setting; it costs about 3x the fused kernel, and only predictions and validation
     * pay it.
     */
    private NDArray inDoublePrecision(NDArray input, NDList weights, Shape stateShape) {
        NDManager batch = input.getManager();
        NDList doubles = new NDList(weights.size());
        for (NDArray w : weights) {
            doubles.add(inBatch(w.toType(DataType.FLOAT64, false), batch));
        }
        NDArray x = input.toType(DataType.FLOAT64, false);
        NDArray zeros = batch.zeros(stateShape, DataType.FLOAT64);
        NDList result = x.getNDArrayInternal().lstm(x, new NDList(zeros, zeros), doubles, true, layers, 0, false,
                bidirectional, true);
        return result.get(0).toType(input.getDataType(), false);
    }

    /** Moves a copy made from a parameter into the batch's manager, so it is freed with the batch. */
    private static NDArray inBatch(NDArray copy, NDManager batch) {
        copy.attach(batch);
        return copy;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long width = (long) hidden * directions();
        return new Shape[] {returnSequences ? new Shape(in.get(0), in.get(1), width) : new Shape(in.get(0), width)};
    }
}
