package org.layercanvas.graph;

/**
 * A kind that structures a design rather than computing anything: a block instance and the input and
 * output of a block's body. Structural nodes are expanded away ({@link Flattener}) before a design is
 * analysed, compiled or exported, so none of them reaches the engine.
 */
public sealed interface Structural extends LayerSpec permits Block, BlockInput, BlockOutput {

    /** Returns no shape: a structural node is analysed through the layers it stands for. */
    @Override
    default Inference infer(LayerInputs inputs) {
        return Inference.error(unexpanded());
    }

    /** Returns why this node is still here after expansion: what is wrong with it. */
    String unexpanded();
}
