package org.layercanvas.graph;

/** The palette group of a layer kind; the canvas colours cards by it. */
public enum Category {
    INPUT_OUTPUT("Input & output"),
    CORE("Core"),
    CONVOLUTION("Convolution"),
    POOLING("Pooling"),
    NORMALIZATION("Normalization, dropout"),
    ACTIVATION("Activation"),
    RESHAPING("Reshaping"),
    MERGE("Merge"),
    SEQUENCE("Sequence"),
    BLOCK("Blocks");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    /** Returns the title shown in the palette. */
    public String title() {
        return title;
    }
}
