package org.layercanvas.ui.canvas;

import java.util.Locale;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Category;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Position;

/**
 * What the palette offers to add: a layer kind of the catalog, or one of the design's blocks.
 *
 * @param name what the palette shows, and what the new layer is named after
 * @param spec the new layer's kind and values
 * @param category where the palette files it
 * @param doc the tooltip
 * @param key what a drag carries: {@code layer:Dense}, {@code block:b1}
 */
record PaletteEntry(String name, LayerSpec spec, Category category, String doc, String key) {
    /** The drag-and-drop text of a layer kind: {@code layer:Dense}. */
    static final String LAYER = "layer:";
    /** The drag-and-drop text of a design's block: {@code block:b1}. */
    static final String BLOCK = "block:";

    /** Returns the entry of a catalog kind, with its default values. */
    static PaletteEntry of(LayerType type) {
        return new PaletteEntry(type.name(), type.defaults(), type.category(), type.doc(), LAYER + type.name());
    }

    /** Returns the entry that adds an instance of the design's block {@code id}. */
    static PaletteEntry block(String id, BlockDefinition definition) {
        return new PaletteEntry(definition.name(), new Block(id, 1), Category.BLOCK, "An instance of the block '"
                + definition.name() + "' of this design: " + definition.body().size() + " layers, shared with every"
                + " other instance.", BLOCK + id);
    }

    /** Returns a new layer of this entry in {@code g} at {@code at}, with a fresh id and a free name. */
    LayerNode newNode(Graph g, Position at) {
        String base = spec instanceof Block ? name : name.toLowerCase(Locale.ROOT);
        return new LayerNode(g.newId(), g.uniqueName(base), spec, at);
    }
}
