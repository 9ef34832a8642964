package org.layercanvas.ui.common;

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
import org.layercanvas.edit.DesignChange;
import org.layercanvas.edit.DesignSession;
import org.layercanvas.edit.EditCommand;
import org.layercanvas.edit.History;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.io.DesignCodec;

/**
 * The open design as the window's views share it: a {@link DesignSession} with the file it belongs
 * to and whether it is saved as JavaFX properties, and the selection. Selection is view state,
 * shared here so the canvas, inspector and problems list agree on it; it is never saved.
 * Call on the FX thread.
 */
public final class DesignEditor {
    private static final int HISTORY = 500;

    private final DesignCodec codec = new DesignCodec();
    private final DesignSession session;
    private final List<Consumer<DesignChange>> listeners = new ArrayList<>();
    private final ObservableSet<String> selection = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private Path currentFile;
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final Scope scope;

    /** Opens an editor on a design that belongs to {@code file} (or to no file yet). */
    public DesignEditor(Design design, Path file) {
        this.session = new DesignSession(design, HISTORY);
        this.currentFile = file;
        this.file.set(file);
        this.scope = new Scope(this);
        session.onChange(this::changed);
    }

    private void changed(DesignChange change) {
        dirty.set(!session.isSaved());
        Graph after = change.after().graph();
        if (change.reopened()) {
            selection.clear();
        } else if (!change.removed().isEmpty()) {
            selection.removeIf(id -> !after.contains(id));
        }
        scope.designChanged(change);
        for (Consumer<DesignChange> l : List.copyOf(listeners)) {
            l.accept(change);
        }
    }

    /** Returns the part of the design the canvas shows and edits: the design, or a block opened in it. */
    public Scope scope() {
        return scope;
    }

    /**
     * Registers a listener told of every change of the whole design, after the analysis is updated
     * and after the scope's listeners.
     */
    public void onChange(Consumer<DesignChange> listener) {
        listeners.add(listener);
    }

    /** Returns the design. */
    public Design design() {
        return session.design();
    }

    /** Returns the graph. */
    public Graph graph() {
        return session.design().graph();
    }

    /** Returns the analysis of the current graph. */
    public Analysis analysis() {
        return session.analysis();
    }

    /** Returns the ids of the selected layers. */
    public ObservableSet<String> selection() {
        return selection;
    }

    /** Executes a command; returns the reason when it does not apply. */
    public Optional<String> execute(EditCommand command) {
        return session.execute(command);
    }

    /** Executes a command on the whole design (its dataset or training section); returns the reason when it does not apply. */
    public Optional<String> execute(History.Command<Design> command) {
        return session.execute(command);
    }

    /** Undoes the last edit. */
    public void undo() {
        session.undo();
    }

    /** Redoes the last undone edit. */
    public void redo() {
        session.redo();
    }

    /** Returns what Undo would undo. */
    public Optional<String> undoDescription() {
        return session.undoDescription();
    }

    /** Returns what Redo would redo. */
    public Optional<String> redoDescription() {
        return session.redoDescription();
    }

    /** Returns the file the design is saved to, or null for a new design. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /**
     * Returns the design's file, or null for a design never saved. While another design is opened it
     * is already the new design's file, so that every view told of the new design sees both together.
     */
    public Path file() {
        return currentFile;
    }

    /** Returns the folder the design's relative data paths are resolved against: its file's, or the working folder. */
    public Path baseDir() {
        return baseDirOf(currentFile);
    }

    /** Returns the folder a design saved as {@code file} (null: not yet saved) resolves its data paths against. */
    public static Path baseDirOf(Path file) {
        return file == null || file.toAbsolutePath().getParent() == null ? Path.of("").toAbsolutePath()
                : file.toAbsolutePath().getParent();
    }

    /** Returns whether there are unsaved changes. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Saves the design to {@code target} atomically and makes it the design's file. */
    public void saveTo(Path target) throws IOException {
        codec.write(session.design(), target);
        currentFile = target;
        file.set(target);
        session.markSaved();
        dirty.set(false);
    }

    /** Replaces the whole design, as after opening a file; the history starts anew. */
    public void replace(Design opened, Path openedFile) {
        restore(opened, openedFile, false);
    }

    /**
     * Replaces the whole design; {@code unsaved} marks it as differing from its file, as a design
     * restored from an autosave does. Listeners get one change that says the document was replaced,
     * with {@link #file()} already the new one; the file property changes after it.
     */
    public void restore(Design opened, Path openedFile, boolean unsaved) {
        currentFile = openedFile;
        session.reopen(opened, unsaved);
        file.set(openedFile);
    }

    /** Returns a number that changes with every edit, undo, redo and reopen. */
    public long revision() {
        return session.revision();
    }
}
