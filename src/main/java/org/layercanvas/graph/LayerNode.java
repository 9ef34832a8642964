package org.layercanvas.graph;

import java.util.Objects;

/**
 * One layer of a design.
 *
 * @param id a stable identifier, unique in its graph, never shown as the layer's name
 * @param name the name a person gives the layer, unique in its graph (checked by validation)
 * @param spec the layer's kind and parameters
 * @param position where the layer sits on the canvas
 */
public record LayerNode(String id, String name, LayerSpec spec, Position position) {
    public LayerNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(position, "position");
        if (id.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
    }

    /** Returns the display name of this node's kind, e.g. {@code Conv2d}. */
    public String kind() {
        return spec.type().name();
    }

    /** Returns this node with another spec. */
    public LayerNode withSpec(LayerSpec newSpec) {
        return new LayerNode(id, name, newSpec, position);
    }

    /** Returns this node with another name. */
    public LayerNode withName(String newName) {
        return new LayerNode(id, newName, spec, position);
    }

    /** Returns this node at another position. */
    public LayerNode withPosition(Position newPosition) {
        return new LayerNode(id, name, spec, newPosition);
    }
}
