package org.layercanvas.edit;

import java.util.Optional;
import java.util.function.Consumer;
import org.layercanvas.graph.Graph;

/**
 * A graph with its history: commands are executed here, undone and redone. A {@link History} of
 * graphs, with the graph-specific names the rest of the code reads.
 */
public final class UndoStack {
    private final History<Graph> history;

    /**
     * Creates the history of a design.
     *
     * @param graph the design as opened
     * @param limit how many steps to keep
     * @param listener told of the new graph after every change, undo and redo
     */
    public UndoStack(Graph graph, int limit, Consumer<Graph> listener) {
        this.history = new History<>(graph, limit, listener);
    }

    /** Returns the current design. */
    public Graph graph() {
        return history.state();
    }

    /** Returns a number that changes with every execute, undo and redo. */
    public long revision() {
        return history.revision();
    }

    /**
     * Executes a command and makes it the newest undoable step; clears the redo steps.
     *
     * @throws IllegalArgumentException when the command does not apply; nothing changes then
     * @throws IllegalStateException when called from inside a change listener
     */
    public void execute(EditCommand command) {
        history.execute(command);
    }

    /** Undoes the newest step, if any. */
    public void undo() {
        history.undo();
    }

    /** Redoes the newest undone step, if any. */
    public void redo() {
        history.redo();
    }

    /** Returns the description of what Undo would undo. */
    public Optional<String> undoDescription() {
        return history.undoDescription();
    }

    /** Returns the description of what Redo would redo. */
    public Optional<String> redoDescription() {
        return history.redoDescription();
    }

    /** Starts a new history from {@code newGraph}, as after opening a file. */
    public void reset(Graph newGraph) {
        history.reset(newGraph);
    }
}
