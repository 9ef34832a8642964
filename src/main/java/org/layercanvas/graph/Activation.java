package org.layercanvas.graph;

/** An element-wise function; the output has the input's shape. */
public sealed interface Activation extends LayerSpec
        permits ReLU, LeakyReLU, ELU, GELU, SiLU, Mish, Sigmoid, Tanh, Softmax, ReLU6, Hardswish, Hardsigmoid,
                PReLU, Softplus, LogSoftmax, Identity {

    @Override
    default Inference infer(LayerInputs inputs) {
        return Inference.ok(inputs.shape());
    }
}
