package org.layercanvas.edit;

import org.layercanvas.graph.Graph;

/**
 * One change to a design. The graph is immutable, so a command maps one graph to the next and
 * undoing it restores the graph from before; commands hold no state of their own.
 */
public interface EditCommand extends History.Command<Graph> {

    /**
     * Returns the graph after this change.
     *
     * @throws IllegalArgumentException when the change does not apply to {@code graph}
     */
    @Override
    Graph apply(Graph graph);

    /** Returns what the change does, for the Undo and Redo menu items: {@code Add Dense}. */
    @Override
    String description();
}
