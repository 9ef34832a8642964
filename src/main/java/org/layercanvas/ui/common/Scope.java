package org.layercanvas.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.layercanvas.edit.DesignChange;
import org.layercanvas.edit.EditCommand;
import org.layercanvas.edit.InBlockCommand;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * The part of the design the canvas shows and edits: the design itself, or the body of a block
 * opened from it, and from blocks inside that, down a path of instances. Its graph, analysis and
 * changes are those of the body as the first instance on the path sees it; an edit made here runs
 * on the block's definition, so every instance of it changes. Undo and redo stay the design's: when
 * one takes away a block on the path, the scope goes back out to where the path still holds.
 * Call on the FX thread.
 */
public final class Scope {
    private final DesignEditor editor;
    private final List<Consumer<DesignChange>> listeners = new ArrayList<>();
    private final ReadOnlyObjectWrapper<List<String>> path = new ReadOnlyObjectWrapper<>(List.of());
    /** The path as the views see it while they are told of a change; the property follows after. */
    private List<String> at = List.of();
    private Design shown;
    private Analysis shownAnalysis;

    Scope(DesignEditor editor) {
        this.editor = editor;
        this.shown = editor.design();
        this.shownAnalysis = editor.analysis();
    }

    /** Follows a change of the whole design: passes it on as the change of what this scope shows. */
    void designChanged(DesignChange change) {
        List<String> valid = valid(change.after().graph(), at);
        boolean moved = change.reopened() || !valid.equals(at);
        Design before = shown;
        Analysis beforeAnalysis = shownAnalysis;
        show(change.after(), change.analysis(), valid);
        DesignChange scoped;
        if (valid.isEmpty() && !moved) {
            scoped = change;
        } else if (moved) {
            scoped = DesignChange.reopen(before, shown, shownAnalysis);
        } else {
            scoped = DesignChange.between(before, beforeAnalysis, shown, shownAnalysis);
        }
        if (moved) {
            editor.selection().clear();
        }
        at = valid;
        fire(scoped);
        path.set(valid);
    }

    private void show(Design design, Analysis analysis, List<String> ids) {
        if (ids.isEmpty()) {
            shown = design;
            shownAnalysis = analysis;
            return;
        }
        Graph g = design.graph();
        Analysis a = analysis;
        for (String id : ids) {
            Block block = (Block) g.node(id).spec();
            // a repeated block is shown as its first copy sees it
            a = a.inside(id, block.repeat() > 1);
            g = design.graph().blocks().get(block.definition()).body();
        }
        shown = design.withGraph(g.withBlocks(design.graph().blocks()));
        shownAnalysis = a;
    }

    /** Returns the longest start of {@code ids} that is still a path of block instances in {@code design}. */
    private static List<String> valid(Graph design, List<String> ids) {
        List<String> out = new ArrayList<>();
        Graph g = design;
        for (String id : ids) {
            Optional<BlockDefinition> d = definitionOf(design, g, id);
            if (d.isEmpty()) {
                break;
            }
            out.add(id);
            g = d.get().body();
        }
        return List.copyOf(out);
    }

    private static Optional<BlockDefinition> definitionOf(Graph design, Graph g, String id) {
        if (!g.contains(id) || !(g.node(id).spec() instanceof Block block)) {
            return Optional.empty();
        }
        return Optional.ofNullable(design.blocks().get(block.definition()));
    }

    private void fire(DesignChange change) {
        for (Consumer<DesignChange> l : List.copyOf(listeners)) {
            l.accept(change);
        }
    }

    /** Registers a listener told of every change of what this scope shows, and of the scope itself. */
    public void onChange(Consumer<DesignChange> listener) {
        listeners.add(listener);
    }

    /** Returns the layers shown: the design's, or an open block's body with the design's definitions. */
    public Graph graph() {
        return shown.graph();
    }

    /** Returns what is shown as a design: its graph, the design's name, flow and sections. */
    public Design design() {
        return shown;
    }

    /** Returns the analysis of what is shown, under the ids it shows. */
    public Analysis analysis() {
        return shownAnalysis;
    }

    /**
     * Returns the block instances opened, from the design's own layer inward; empty for the design
     * itself. It changes after the views have been told of the change that moved it.
     */
    public ReadOnlyObjectProperty<List<String>> pathProperty() {
        return path.getReadOnlyProperty();
    }

    /** Returns the names along the path, for breadcrumbs: the instances' names, each in its parent. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        Graph g = editor.graph();
        for (String id : at) {
            LayerNode n = g.node(id);
            names.add(n.name());
            g = editor.graph().blocks().get(((Block) n.spec()).definition()).body();
        }
        return names;
    }

    /** Returns how many blocks deep the scope is: 0 at the design itself. */
    public int depth() {
        return at.size();
    }

    /** Returns the id of the definition being edited, or empty at the design itself. */
    public Optional<String> definition() {
        if (at.isEmpty()) {
            return Optional.empty();
        }
        String last = at.get(at.size() - 1);
        return Optional.of(blockSpec(last).definition());
    }

    private Block blockSpec(String last) {
        Graph g = editor.graph();
        for (String id : at) {
            Block b = (Block) g.node(id).spec();
            if (id.equals(last)) {
                return b;
            }
            g = editor.graph().blocks().get(b.definition()).body();
        }
        throw new IllegalStateException("no block " + last + " on the path");
    }

    /** Returns whether the layer {@code id} shown here is a block that can be opened. */
    public boolean canEnter(String id) {
        return definitionOf(editor.graph(), graph(), id).isPresent();
    }

    /** Opens the block instance {@code id} shown here: the canvas then shows its body. */
    public void enter(String id) {
        if (!canEnter(id)) {
            throw new IllegalArgumentException("'" + id + "' is no block that can be opened");
        }
        List<String> next = new ArrayList<>(at);
        next.add(id);
        moveTo(next);
    }

    /** Goes back out to the first {@code depth} blocks of the path: 0 is the design itself. */
    public void leave(int depth) {
        if (depth < at.size()) {
            moveTo(at.subList(0, depth));
        }
    }

    private void moveTo(List<String> next) {
        Design before = shown;
        show(editor.design(), editor.analysis(), next);
        editor.selection().clear();
        at = List.copyOf(next);
        fire(DesignChange.reopen(before, shown, shownAnalysis));
        path.set(at);
    }

    /** Executes a command on what is shown (in a block: on its definition); returns the reason when it does not apply. */
    public Optional<String> execute(EditCommand command) {
        Optional<String> d = definition();
        return editor.execute(d.isEmpty() ? command : new InBlockCommand(d.get(), command));
    }
}
