package org.layercanvas.graph;

import java.util.List;

/**
 * The shapes that reach a layer, in port order, with the names of the layers they come from.
 *
 * @param shapes one shape per incoming connection
 * @param names the name of the layer each shape comes from
 */
public record LayerInputs(List<Shape> shapes, List<String> names) {
    public LayerInputs {
        shapes = List.copyOf(shapes);
        names = List.copyOf(names);
        if (shapes.size() != names.size()) {
            throw new IllegalArgumentException("shapes and names differ in length");
        }
    }

    /** Returns the inputs of a layer fed by one shape, for tests and single-input layers. */
    public static LayerInputs of(Shape... shapes) {
        return new LayerInputs(List.of(shapes), java.util.Collections.nCopies(shapes.length, "input"));
    }

    /** Returns the first (for single-input layers, the only) shape. */
    public Shape shape() {
        return shapes.get(0);
    }

    /** Returns how many inputs there are. */
    public int size() {
        return shapes.size();
    }

    /** Returns input {@code i} described for a message: {@code (8,14,14) from 'pool1'}. */
    public String describe(int i) {
        return shapes.get(i) + " from '" + names.get(i) + "'";
    }
}
