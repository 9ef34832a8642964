package org.layercanvas.graph;

/** Where data leaves a block's body: the one output of every instance of the block. */
public record BlockOutput() implements Structural {

    @Override
    public String unexpanded() {
        return "a block output belongs inside a block";
    }
}
