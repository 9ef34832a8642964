package org.layercanvas.graph;

/**
 * An instance of a reusable block: a group of layers defined once in the design
 * ({@link Graph#blocks()}) and used here as one card, {@code repeat} copies chained one after the
 * other (the stages of a ResNet). Every instance of a definition changes with it.
 *
 * @param definition the id of the block's definition in the design
 * @param repeat how many copies are chained, from 1; above 1 the block takes one input
 */
public record Block(String definition, int repeat) implements Structural {

    @Override
    public String unexpanded() {
        return "its block definition '" + definition + "' is missing, contains itself, or has no single output";
    }
}
