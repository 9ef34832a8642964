package org.layercanvas.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An immutable document of type {@code S} with its history: commands are executed here, undone and
 * redone. Bounded (the oldest steps fall off), a revision number that changes with every step, and a
 * guard that refuses commands from inside a change listener, where they would tangle the history.
 * Generic over the document; {@link DesignSession} keeps one for everything saved in a design file
 * (the graph and its dataset and training sections).
 *
 * @param <S> the document: an immutable value
 */
public final class History<S> {
    private final int limit;
    private final Deque<Step<S>> undo = new ArrayDeque<>();
    private final Deque<Step<S>> redo = new ArrayDeque<>();
    private final Consumer<S> listener;
    private S state;
    private long revision;
    private boolean notifying;

    /**
     * One change of a document of type {@code S}, mapping it to the next.
     *
     * @param <S> the document
     */
    public interface Command<S> {
        /**
         * Returns the document after this change.
         *
         * @throws IllegalArgumentException when the change does not apply to {@code state}
         */
        S apply(S state);

        /** Returns what the change does, for the Undo and Redo menu items. */
        String description();
    }

    private record Step<S>(Command<? super S> command, S before, S after) {
    }

    /**
     * Creates the history of a document.
     *
     * @param state the document as opened
     * @param limit how many steps to keep
     * @param listener told of the new document after every change, undo and redo
     */
    public History(S state, int limit, Consumer<S> listener) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.state = Objects.requireNonNull(state);
        this.limit = limit;
        this.listener = Objects.requireNonNull(listener);
    }

    /** Returns the current document. */
    public S state() {
        return state;
    }

    /** Returns a number that changes with every execute, undo and redo. */
    public long revision() {
        return revision;
    }

    /**
     * Executes a command and makes it the newest undoable step; clears the redo steps. A command
     * that leaves the document equal to what it was is not a step.
     *
     * @throws IllegalArgumentException when the command does not apply; nothing changes then
     * @throws IllegalStateException when called from inside a change listener
     */
    public void execute(Command<S> command) {
        checkNotNotifying();
        S after = command.apply(state);
        if (after.equals(state)) {
            return;
        }
        undo.push(new Step<>(command, state, after));
        if (undo.size() > limit) {
            undo.removeLast();
        }
        redo.clear();
        change(after);
    }

    /** Undoes the newest step, if any. */
    public void undo() {
        checkNotNotifying();
        Step<S> step = undo.poll();
        if (step != null) {
            redo.push(step);
            change(step.before());
        }
    }

    /** Redoes the newest undone step, if any. */
    public void redo() {
        checkNotNotifying();
        Step<S> step = redo.poll();
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

    /** Starts a new history from {@code newState}, as after opening a file. */
    public void reset(S newState) {
        checkNotNotifying();
        undo.clear();
        redo.clear();
        change(Objects.requireNonNull(newState));
    }

    private void change(S next) {
        state = next;
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
