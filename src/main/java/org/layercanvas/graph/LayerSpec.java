package org.layercanvas.graph;

/**
 * A layer's kind and parameters: one record per kind, described by the {@link LayerCatalog}.
 *
 * <p>Records hold parameter values as given; bounds are checked by validation, so that a design with
 * an impossible value still loads and shows the problem instead of failing.
 */
public sealed interface LayerSpec
        permits Input, Output, Dense, Dropout, Embedding, Convolution, ConvTranspose, Pooling, GlobalAvgPool, GlobalMaxPool,
                BatchNorm, LayerNorm, GroupNorm, InstanceNorm, Flatten, Reshape, Resizing, AxisLayer, Activation, Add, Concat, Recurrent, PositionalEmbedding, MultiHeadAttention, TransformerEncoder, Merge, Structural {

    /** Returns the catalog entry of this kind. */
    default LayerType type() {
        return LayerCatalog.typeOf(getClass());
    }

    /**
     * Returns this layer's output shape and costs for the given inputs, or the reason it has none.
     * Called only with in-bounds parameters and the number of inputs the kind's arity allows.
     */
    Inference infer(LayerInputs inputs);
}
