package org.layercanvas.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which way a design is drawn: inputs at the top with data flowing down, or inputs on the left with
 * data flowing right. The cards' ports sit on the sides the data comes from and goes to. Part of the
 * design, so it is saved and undone with the layout that set it.
 */
public enum Flow {
    /** Inputs at the top, data flowing down: ports on the top and bottom sides of the cards. */
    TOP_DOWN,
    /** Inputs on the left, data flowing right: ports on the left and right sides of the cards. */
    LEFT_RIGHT;

    /** Returns the name a design file uses: {@code top-down} or {@code left-right}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns the flow a design file names, if it names one. */
    public static Optional<Flow> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * Returns the way a graph's connections run on the whole, for a design whose file does not say
     * (written before the flow was saved): left-right when they go further across than down.
     */
    public static Flow of(Graph graph) {
        double across = 0;
        double down = 0;
        for (Edge e : graph.edges()) {
            across += graph.node(e.to()).position().x() - graph.node(e.from()).position().x();
            down += graph.node(e.to()).position().y() - graph.node(e.from()).position().y();
        }
        return across > down ? LEFT_RIGHT : TOP_DOWN;
    }
}
