package org.layercanvas.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.layercanvas.graph.Graph;

/**
 * The current design with its history: commands are executed here, undone and redone. Bounded
 * (the oldest steps fall off), a revision number that changes with every step, and a guard that
 * refuses commands from inside a change listener, where they would tangle the history.
 */
public final class UndoStack {
    private final int limit;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final Consumer<Graph> listener;
    private Graph graph;
    private long revision;
    private boolean notifying;

    private record Step(EditCommand command, Graph before, Graph after) {
    }

    /**
     * Creates the history of a design.
     *
     * @param graph the design as opened
     * @param limit how many steps to keep
     * @param listener told of the new graph after every change, undo and redo
     */
    public UndoStack(Graph graph, int limit, Consumer<Graph> listener) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.graph = Objects.requireNonNull(graph);
        this.limit = limit;
        this.listener = Objects.requireNonNull(listener);
    }

    /** Returns the current design. */
    public Graph graph() {
        return graph;
    }

    /** Returns a number that changes with every execute, undo and redo. */
    public long revision() {
        return revision;
    }

    /**
     * Executes a command and makes it the newest undoable step; clears the redo steps.
     *
     * @throws IllegalArgumentException when the command does not apply; nothing changes then
     * @throws IllegalStateException when called from inside a change listener
     */
    public void execute(EditCommand command) {
        checkNotNotifying();
        Graph after = command.apply(graph);
        if (after.equals(graph)) {
            return;
        }
        undo.push(new Step(command, graph, after));
        if (undo.size() > limit) {
            undo.removeLast();
        }
        redo.clear();
        change(after);
    }

    /** Undoes the newest step, if any. */
    public void undo() {
        checkNotNotifying();
        Step step = undo.poll();
        if (step != null) {
            redo.push(step);
            change(step.before());
        }
    }

    /** Redoes the newest undone step, if any. */
    public void redo() {
        checkNotNotifying();
        Step step = redo.poll();
        if (step != null) {
            undo.push(step);
            change(step.after());
        }
    }

    /** Returns the description of what Undo would undo. */
    public Optional<String> undoDescription() {
        return Optional.ofNullable(undo.peek()).map(s -> s.command().description());
    }

    /** Returns the description of what Redo would redo. */
    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(s -> s.command().description());
    }

    /** Starts a new history from {@code newGraph}, as after opening a file. */
    public void reset(Graph newGraph) {
        checkNotNotifying();
        undo.clear();
        redo.clear();
        change(newGraph);
    }

    private void change(Graph next) {
        graph = next;
        revision++;
        notifying = true;
        try {
            listener.accept(next);
        } finally {
            notifying = false;
        }
    }

    private void checkNotNotifying() {
        if (notifying) {
            throw new IllegalStateException("a change listener tried to edit the design while being told of a change");
        }
    }
}
