package org.layercanvas.graph;

/**
 * Where data enters a block's body: the {@code index}-th input of every instance of the block.
 *
 * @param index which input, from 0
 */
public record BlockInput(int index) implements Structural {

    @Override
    public String unexpanded() {
        return "a block input belongs inside a block";
    }
}
