package org.layercanvas.ui.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.TextInputDialog;
import java.util.Optional;
import java.util.Set;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.layercanvas.edit.AddNodesCommand;
import org.layercanvas.edit.GroupCommand;
import org.layercanvas.edit.MakeIndependentCommand;
import org.layercanvas.edit.UngroupCommand;
import org.layercanvas.graph.Block;
import org.layercanvas.edit.AutoLayout;
import org.layercanvas.edit.Connections;
import org.layercanvas.edit.Fragment;
import org.layercanvas.edit.InsertLayerCommand;
import org.layercanvas.edit.RenameCommand;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
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
        new CanvasMenus(canvas, this, editor);
        PaletteDrop.install(canvas, this);
        // out of a block, by Alt+Up or a breadcrumb: say where the canvas is now
        editor.scope().pathProperty().addListener((o, before, now) -> {
            if (now.size() < before.size() && !editor.scope().names().isEmpty()) {
                List<String> names = editor.scope().names();
                status.accept("Back in block '" + names.get(names.size() - 1) + "'");
            } else if (now.isEmpty() && !before.isEmpty()) {
                status.accept("Back at the whole design");
            }
        });
        // double-clicking a block opens it
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            NodeSkin card = CanvasView.skinOf(e.getPickResult().getIntersectedNode());
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && card != null
                    && editor.scope().canEnter(card.id())) {
                openBlock(card.id());
                e.consume();
            }
        });
    }

    // ---- blocks -----------------------------------------------------------------------------------

    /** Groups the selected layers into a new block, one card wired as they were, and selects it. */
    public void group() {
        Set<String> ids = Set.copyOf(editor.selection());
        if (ids.isEmpty()) {
            status.accept("Select the layers to group into a block first.");
            return;
        }
        GroupCommand command = GroupCommand.of(editor.scope().graph(), ids, "block");
        editor.scope().execute(command).ifPresentOrElse(why -> status.accept("Cannot group: " + why), () -> {
            editor.selection().clear();
            editor.selection().add(command.instanceId());
            String name = editor.scope().graph().node(command.instanceId()).name();
            status.accept("Grouped " + ids.size() + " layers into block '" + name + "': double-click it to open it,"
                    + " Ctrl+Shift+G to ungroup");
        });
    }

    /** Puts the layers of the selected block back in its place, selected. */
    public void ungroup() {
        Optional<String> block = selectedBlock();
        if (block.isEmpty()) {
            status.accept("Select one block to ungroup.");
            return;
        }
        Set<String> before = Set.copyOf(editor.scope().graph().nodes().stream().map(LayerNode::id).toList());
        editor.scope().execute(new UngroupCommand(block.get())).ifPresentOrElse(
                why -> status.accept("Cannot ungroup: " + why), () -> {
                    editor.selection().clear();
                    editor.scope().graph().nodes().stream().map(LayerNode::id).filter(id -> !before.contains(id))
                            .forEach(editor.selection()::add);
                    status.accept("Ungrouped into " + editor.selection().size() + " layers");
                });
    }

    /** Opens a block: the canvas shows the layers inside it, to edit for every instance. */
    public void openBlock(String id) {
        String name = editor.scope().graph().node(id).name();
        editor.scope().enter(id);
        status.accept("Editing block '" + name + "': changes apply to every instance of it. Alt+Up goes back out.");
    }

    /** Opens the selected block. */
    public void openSelectedBlock() {
        selectedBlock().filter(editor.scope()::canEnter).ifPresentOrElse(this::openBlock,
                () -> status.accept("Select one block to open."));
    }

    /** Goes out of the open block, to the one around it or the design. */
    public void leaveBlock() {
        if (editor.scope().depth() > 0) {
            editor.scope().leave(editor.scope().depth() - 1);
        }
    }

    /** Gives a block instance a copy of its definition, so editing it no longer changes the others. */
    public void makeIndependent(String id) {
        editor.scope().execute(new MakeIndependentCommand(id, editor.scope().graph().newBlockId()))
                .ifPresentOrElse(status, () -> status.accept("Block '" + editor.scope().graph().node(id).name()
                        + "' now has a definition of its own"));
    }

    /** Adds an instance of the design's block {@code definition} beside the selection. */
    public void addBlockBesideSelection(String definition) {
        addBesideSelection(PaletteEntry.block(definition, editor.scope().graph().blocks().get(definition)));
    }

    private Optional<String> selectedBlock() {
        if (editor.selection().size() != 1) {
            return Optional.empty();
        }
        String id = editor.selection().iterator().next();
        return editor.scope().graph().contains(id) && editor.scope().graph().node(id).spec() instanceof Block
                ? Optional.of(id) : Optional.empty();
    }

    /**
     * Adds a layer of {@code type} at {@code at}, connected from {@code from} when given and allowed;
     * selects it and brings it into view.
     */
    void add(PaletteEntry type, Position at, String from) {
        Graph g = editor.scope().graph();
        LayerNode node = type.newNode(g, at);
        List<Edge> edges = new ArrayList<>();
        if (from != null) {
            Connections.connect(g.withNode(node), from, node.id()).edge().ifPresent(edges::add);
        }
        editor.scope().execute(new AddNodesCommand(List.of(node), edges, "Add " + type.name()));
        editor.selection().clear();
        editor.selection().add(node.id());
        canvas.showCard(node.id());
    }

    /**
     * Adds a layer after the selected one (below it, or to its right in a left-right design) and
     * wires the selection into it, or in the view's centre; never on top of another card.
     */
    public void addBesideSelection(LayerType type) {
        addBesideSelection(PaletteEntry.of(type));
    }

    void addBesideSelection(PaletteEntry type) {
        Graph g = editor.scope().graph();
        Flow flow = editor.scope().design().flow();
        String from = editor.selection().size() == 1 ? editor.selection().iterator().next() : null;
        Position at;
        if (from != null) {
            Position p = g.node(from).position();
            at = flow == Flow.LEFT_RIGHT ? p.plus(NodeSkin.WIDTH + 90, 0) : p.plus(0, NodeSkin.HEIGHT + 50);
        } else {
            var c = canvas.centre();
            at = new Position(c.getX() - NodeSkin.WIDTH / 2, c.getY() - NodeSkin.HEIGHT / 2);
        }
        add(type, Placement.free(g, at, flow), from);
        status.accept("Added " + type.name());
    }

    /**
     * Arranges the whole design top-down or left-right in one undoable step, with connections routed
     * around the cards, and shows it whole. The layout is worked out off the FX thread; an edit made
     * meanwhile wins, and the layout is dropped with a word.
     */
    public void autoLayout(boolean wantTopDown) {
        Graph graph = editor.scope().graph();
        // a block's body is drawn the way its design is: inside a block only the cards move
        boolean inBlock = editor.scope().definition().isPresent();
        boolean topDown = inBlock ? editor.design().flow() == Flow.TOP_DOWN : wantTopDown;
        // sideways, the shape labels sit on the connections between ranks: give them room
        AutoLayout layout = new AutoLayout(NodeSkin.WIDTH, NodeSkin.HEIGHT, topDown ? 50 : 90);
        background.run(() -> layout.arrange(graph, topDown ? Flow.TOP_DOWN : Flow.LEFT_RIGHT),
                arrangement -> {
                    if (editor.scope().graph() != graph) {
                        status.accept("The design changed while it was being laid out; lay it out again.");
                        return;
                    }
                    canvas.useRoutes(arrangement.routes());
                    if (inBlock) {
                        editor.scope().execute(arrangement.command().move()).ifPresent(status);
                    } else {
                        editor.execute(arrangement.command()).ifPresent(status);
                    }
                    canvas.showOpened();
                }, e -> status.accept("Could not lay out the design: " + e.getMessage()));
    }

    /** Loads the layout engine off the FX thread, so the first auto-layout does not wait for it. */
    public void warmUp() {
        background.execute(() -> new AutoLayout(NodeSkin.WIDTH, NodeSkin.HEIGHT, 50).arrange(Graph.empty(),
                Flow.TOP_DOWN));
    }

    /** Asks for a layer's new name and renames it; a name another layer has is refused with the reason. */
    public void rename(String id) {
        LayerNode node = editor.scope().graph().node(id);
        TextInputDialog dialog = new TextInputDialog(node.name());
        dialog.initOwner(canvas.getScene().getWindow());
        dialog.setTitle("Rename Layer");
        dialog.setHeaderText("Rename " + node.kind() + " '" + node.name() + "'");
        dialog.setContentText("Name");
        dialog.showAndWait().map(String::strip).filter(name -> !name.equals(node.name())).ifPresent(name -> {
            if (name.isEmpty()) {
                status.accept("A layer needs a name.");
            } else {
                editor.scope().execute(new RenameCommand(id, name)).ifPresent(status);
            }
        });
    }

    /** Inserts a new layer of {@code type} after layer {@code id}: fed by it, feeding what it fed. */
    public void insertAfter(String id, LayerType type) {
        Graph g = editor.scope().graph();
        Flow flow = editor.scope().design().flow();
        Position p = g.node(id).position();
        Position at = flow == Flow.LEFT_RIGHT ? p.plus(NodeSkin.WIDTH + 90, 0) : p.plus(0, NodeSkin.HEIGHT + 50);
        insert(InsertLayerCommand.after(g, id, PaletteEntry.of(type).newNode(g, Placement.free(g, at, flow))));
    }

    /** Inserts a new layer of {@code type} on a connection, between its two layers. */
    public void insertOn(Edge edge, LayerType type) {
        Graph g = editor.scope().graph();
        Position a = g.node(edge.from()).position();
        Position b = g.node(edge.to()).position();
        Position middle = new Position((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
        insert(InsertLayerCommand.on(edge, PaletteEntry.of(type).newNode(g, Placement.free(g, middle,
                editor.scope().design().flow()))));
    }

    private void insert(InsertLayerCommand command) {
        editor.scope().execute(command).ifPresentOrElse(status, () -> {
            editor.selection().clear();
            editor.selection().add(command.node().id());
            canvas.showCard(command.node().id());
            status.accept("Inserted " + command.node().kind());
        });
    }

    /** Copies the selected layers and the connections among them. */
    public void copy() {
        clipboard = Fragment.copy(editor.scope().graph(), editor.selection());
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
        Graph g = editor.scope().graph();
        boolean cut = clipboard.nodes().stream().noneMatch(n -> g.contains(n.id()));
        // a cut goes back where it was when that is free; a copy goes beside what it copies
        Position offset = cut && clipboard.nodes().stream().noneMatch(n -> Placement.overlapsAny(g.nodes(),
                java.util.Set.of(), n.position())) ? Position.ORIGIN
                : Placement.offsetFor(g, clipboard.nodes(), editor.scope().design().flow());
        var command = clipboard.pasteInto(g, offset.x(), offset.y(), what);
        editor.scope().execute(command).ifPresent(status);
        editor.selection().clear();
        command.nodes().forEach(n -> editor.selection().add(n.id()));
        clipboard = Fragment.copy(editor.scope().graph(), editor.selection());
    }
}
