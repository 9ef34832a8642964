package org.layercanvas.ui.canvas;

import java.util.List;
import java.util.function.Consumer;
import org.layercanvas.edit.AutoLayout;
import org.layercanvas.edit.Fragment;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Position;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.DesignEditor;

/**
 * What the Edit and View menus do to the design on the canvas: add a layer beside the selection,
 * cut, copy, paste and duplicate (connections inside the copy kept), and auto-layout. Each is one
 * command on the editor's history.
 */
public final class CanvasActions {
    private static final double PASTE_OFFSET = 30;

    private final DesignEditor editor;
    private final CanvasView canvas;
    private final Consumer<String> status;
    private final Background background;
    private Fragment clipboard = new Fragment(List.of(), List.of());

    /**
     * Acts on the design of {@code editor} as drawn on {@code canvas}, laying it out on
     * {@code background}; {@code status} hears what was done.
     */
    public CanvasActions(DesignEditor editor, CanvasView canvas, Background background, Consumer<String> status) {
        this.editor = editor;
        this.background = background;
        this.canvas = canvas;
        this.status = status;
    }

    /** Adds a layer below the selected one and wires the selection into it, or in the view's centre. */
    public void addBesideSelection(LayerType type) {
        Graph g = editor.graph();
        String from = editor.selection().size() == 1 ? editor.selection().iterator().next() : null;
        Position at;
        if (from != null) {
            Position p = g.node(from).position();
            at = new Position(p.x(), p.y() + NodeSkin.HEIGHT + 40);
        } else {
            var c = canvas.centre();
            at = new Position(c.getX() - NodeSkin.WIDTH / 2, c.getY() - NodeSkin.HEIGHT / 2);
        }
        canvas.addLayer(type, at, from);
        status.accept("Added " + type.name());
    }

    /**
     * Arranges the whole design top-down or left-right in one undoable step, with connections routed
     * around the cards, and shows it whole. The layout is worked out off the FX thread; an edit made
     * meanwhile wins, and the layout is dropped with a word.
     */
    public void autoLayout(boolean topDown) {
        Graph graph = editor.graph();
        // sideways, the shape labels sit on the connections between ranks: give them room
        AutoLayout layout = new AutoLayout(NodeSkin.WIDTH, NodeSkin.HEIGHT, topDown ? 50 : 90);
        background.run(() -> layout.arrange(graph, topDown ? Flow.TOP_DOWN : Flow.LEFT_RIGHT),
                arrangement -> {
                    if (editor.graph() != graph) {
                        status.accept("The design changed while it was being laid out; lay it out again.");
                        return;
                    }
                    canvas.useRoutes(arrangement.routes());
                    editor.execute(arrangement.command()).ifPresent(status);
                    canvas.showOpened();
                }, e -> status.accept("Could not lay out the design: " + e.getMessage()));
    }

    /** Loads the layout engine off the FX thread, so the first auto-layout does not wait for it. */
    public void warmUp() {
        background.execute(() -> new AutoLayout(NodeSkin.WIDTH, NodeSkin.HEIGHT, 50).arrange(Graph.empty(),
                Flow.TOP_DOWN));
    }

    /** Copies the selected layers and the connections among them. */
    public void copy() {
        clipboard = Fragment.copy(editor.graph(), editor.selection());
        if (!clipboard.isEmpty()) {
            status.accept("Copied " + clipboard.nodes().size() + " layer(s)");
        }
    }

    /** Copies the selection, then deletes it. */
    public void cut() {
        copy();
        canvas.deleteSelection();
    }

    /** Pastes what was copied last, selected, a little below and to the right of the original. */
    public void paste() {
        paste("Paste");
    }

    /** Copies the selection and pastes it at once. */
    public void duplicate() {
        copy();
        paste("Duplicate");
    }

    private void paste(String what) {
        if (clipboard.isEmpty()) {
            return;
        }
        var command = clipboard.pasteInto(editor.graph(), PASTE_OFFSET, PASTE_OFFSET, what);
        editor.execute(command).ifPresent(status);
        editor.selection().clear();
        command.nodes().forEach(n -> editor.selection().add(n.id()));
        clipboard = Fragment.copy(editor.graph(), editor.selection());
    }
}
