package org.layercanvas.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;

/**
 * The open design and its history, without any view: every change is a command executed here,
 * undone and redone; after each one the design is analysed and listeners get a {@link DesignChange}
 * saying what it touched. Knows whether the design is as last saved, also after undoing back to it.
 * Graph edits and edits of the dataset and training sections share one history.
 */
public final class DesignSession {
    private final History<Design> history;
    private final List<Consumer<DesignChange>> listeners = new ArrayList<>();
    private Design design;
    private Analysis analysis;
    private Design saved;
    private boolean reopening;

    /** Maps a graph command onto the whole design. */
    private record GraphEdit(EditCommand command) implements History.Command<Design> {
        @Override
        public Design apply(Design d) {
            return d.withGraph(command.apply(d.graph()));
        }

        @Override
        public String description() {
            return command.description();
        }
    }

    /**
     * Opens a session on a design as saved.
     *
     * @param limit how many steps the history keeps
     */
    public DesignSession(Design design, int limit) {
        this.design = Objects.requireNonNull(design, "design");
        this.analysis = Analysis.of(design.graph());
        this.saved = design;
        this.history = new History<>(design, limit, this::changed);
    }

    private void changed(Design next) {
        Design before = design;
        Analysis beforeAnalysis = analysis;
        design = next;
        if (reopening || before.graph() != next.graph()) {
            analysis = Analysis.of(next.graph());
        }
        DesignChange change = reopening ? DesignChange.reopen(before, next, analysis)
                : DesignChange.between(before, beforeAnalysis, next, analysis);
        for (Consumer<DesignChange> l : List.copyOf(listeners)) {
            l.accept(change);
        }
    }

    /** Registers a listener told of every change, after the analysis is updated. */
    public void onChange(Consumer<DesignChange> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Returns the design. */
    public Design design() {
        return design;
    }

    /** Returns the analysis of the design's graph. */
    public Analysis analysis() {
        return analysis;
    }

    /** Executes a graph command; returns the reason when it does not apply (nothing changes then). */
    public Optional<String> execute(EditCommand command) {
        return execute(new GraphEdit(command));
    }

    /** Executes a command on the whole design; returns the reason when it does not apply. */
    public Optional<String> execute(History.Command<Design> command) {
        try {
            history.execute(command);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Undoes the last step, if any. */
    public void undo() {
        history.undo();
    }

    /** Redoes the last undone step, if any. */
    public void redo() {
        history.redo();
    }

    /** Returns what Undo would undo. */
    public Optional<String> undoDescription() {
        return history.undoDescription();
    }

    /** Returns what Redo would redo. */
    public Optional<String> redoDescription() {
        return history.redoDescription();
    }

    /** Returns a number that changes with every step, undo, redo and reopen. */
    public long revision() {
        return history.revision();
    }

    /** Returns whether the design is as it was last saved (also after undoing back to that). */
    public boolean isSaved() {
        return saved != null && (design == saved || design.equals(saved));
    }

    /** Records that the design as it is now has been saved. */
    public void markSaved() {
        saved = design;
    }

    /**
     * Replaces the whole design, as opening a file does; the history starts anew.
     *
     * @param unsaved whether the new design differs from its file (one restored from an autosave)
     */
    public void reopen(Design next, boolean unsaved) {
        saved = unsaved ? null : Objects.requireNonNull(next, "next");
        reopening = true;
        try {
            history.reset(next);
        } finally {
            reopening = false;
        }
    }
}
