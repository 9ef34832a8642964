package org.layercanvas.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.layercanvas.edit.EditCommand;
import org.layercanvas.edit.History;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/**
 * The open design as the window sees it: its history of edits, its analysis after every change,
 * the file it belongs to and whether it has unsaved changes. Selection is view state and is kept
 * here only so that the canvas, inspector and problems list share it; it is never saved.
 */
public final class DesignEditor {
    private static final int HISTORY = 500;

    private final DesignCodec codec = new DesignCodec();
    private final History<Design> stack;
    private final List<Consumer<Change>> listeners = new ArrayList<>();
    private final ObservableSet<String> selection = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private Design design;
    private Analysis analysis;
    private long savedRevision;

    /**
     * A change of the design: the graph before and after, and the analysis of the new one. The
     * graph may be the same when only the dataset or training section changed.
     *
     * @param before the graph before
     * @param after the graph after
     * @param analysis the analysis of {@code after}
     */
    public record Change(Graph before, Graph after, Analysis analysis) {
    }

    /** Maps a graph command onto the whole design, so graph and section edits share one history. */
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

    /** Opens an editor on a design that belongs to {@code file} (or to no file yet). */
    public DesignEditor(Design design, Path file) {
        this.design = design;
        this.analysis = Analysis.of(design.graph());
        this.file.set(file);
        this.stack = new History<>(design, HISTORY, this::changed);
    }

    private void changed(Design next) {
        Graph before = design.graph();
        Graph after = next.graph();
        boolean sameGraph = before.equals(after);
        design = next;
        if (!sameGraph) {
            analysis = Analysis.of(after);
        }
        dirty.set(stack.revision() != savedRevision);
        selection.removeIf(id -> !after.contains(id));
        Change change = new Change(before, after, analysis);
        for (Consumer<Change> l : List.copyOf(listeners)) {
            l.accept(change);
        }
    }

    /** Registers a listener told of every change, after the analysis is updated. */
    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** Returns the design. */
    public Design design() {
        return design;
    }

    /** Returns the graph. */
    public Graph graph() {
        return design.graph();
    }

    /** Returns the analysis of the current graph. */
    public Analysis analysis() {
        return analysis;
    }

    /** Returns the ids of the selected layers. */
    public ObservableSet<String> selection() {
        return selection;
    }

    /** Executes a command; returns the reason when it does not apply. */
    public Optional<String> execute(EditCommand command) {
        return execute(new GraphEdit(command));
    }

    /** Executes a command on the whole design (its dataset or training section); returns the reason when it does not apply. */
    public Optional<String> execute(History.Command<Design> command) {
        try {
            stack.execute(command);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Undoes the last edit. */
    public void undo() {
        stack.undo();
    }

    /** Redoes the last undone edit. */
    public void redo() {
        stack.redo();
    }

    /** Returns what Undo would undo. */
    public Optional<String> undoDescription() {
        return stack.undoDescription();
    }

    /** Returns what Redo would redo. */
    public Optional<String> redoDescription() {
        return stack.redoDescription();
    }

    /** Returns the file the design is saved to, or null for a new design. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** Returns whether there are unsaved changes. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Saves the design to {@code target} atomically and makes it the design's file. */
    public void saveTo(Path target) throws IOException {
        codec.write(design, target);
        file.set(target);
        savedRevision = stack.revision();
        dirty.set(false);
    }

    /** Replaces the whole design, as after opening a file; the history starts anew. */
    public void replace(Design opened, Path openedFile) {
        restore(opened, openedFile, false);
    }

    /**
     * Replaces the whole design; {@code unsaved} marks it as differing from its file, as a design
     * restored from an autosave does.
     */
    public void restore(Design opened, Path openedFile, boolean unsaved) {
        file.set(openedFile);
        selection.clear();
        analysis = Analysis.of(opened.graph());
        design = opened;
        stack.reset(opened);
        savedRevision = unsaved ? -1 : stack.revision();
        dirty.set(unsaved);
    }

    /** Returns a number that changes with every edit, undo and redo. */
    public long revision() {
        return stack.revision();
    }
}
