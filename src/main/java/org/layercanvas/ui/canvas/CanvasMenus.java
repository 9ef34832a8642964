package org.layercanvas.ui.canvas;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.ContextMenuEvent;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Category;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerType;
import org.layercanvas.ui.common.DesignEditor;

/**
 * The canvas's context menus: on a card (rename, duplicate, delete, insert a layer after it; group
 * the selection; open, expand, ungroup a block or make it independent), on a
 * connection (delete it, insert a layer on it) and on empty canvas (paste, select all, lay out).
 */
final class CanvasMenus {
    private final CanvasView canvas;
    private final CanvasActions actions;
    private final DesignEditor editor;
    private ContextMenu shown;

    CanvasMenus(CanvasView canvas, CanvasActions actions, DesignEditor editor) {
        this.canvas = canvas;
        this.actions = actions;
        this.editor = editor;
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::requested);
    }

    private void requested(ContextMenuEvent e) {
        Node picked = e.getPickResult().getIntersectedNode();
        NodeSkin card = CanvasView.skinOf(picked);
        ContextMenu menu;
        if (card != null) {
            menu = cardMenu(card.id());
        } else if (picked != null && picked.getUserData() instanceof EdgeSkin edge) {
            canvas.selectEdge(edge.edge());
            menu = edgeMenu(edge.edge());
        } else {
            menu = canvasMenu();
        }
        if (shown != null) {
            shown.hide();
        }
        shown = menu;
        menu.show(canvas, e.getScreenX(), e.getScreenY());
        e.consume();
    }

    private ContextMenu cardMenu(String id) {
        if (!editor.selection().contains(id)) {
            editor.selection().clear();
            editor.selection().add(id);
        }
        ContextMenu menu = new ContextMenu(
                item("Rename…", () -> actions.rename(id)),
                item("Duplicate", actions::duplicate),
                item("Delete", canvas::deleteSelection),
                new SeparatorMenuItem(),
                kinds("Insert Layer After", type -> actions.insertAfter(id, type)));
        if (editor.selection().size() > 1) {
            menu.getItems().addAll(new SeparatorMenuItem(), item("Group into Block", actions::group));
        }
        if (editor.scope().canEnter(id)) {
            Block block = (Block) editor.scope().graph().node(id).spec();
            menu.getItems().addAll(new SeparatorMenuItem(),
                    item("Open Block", () -> actions.openBlock(id)),
                    item(canvas.expanded(id) ? "Collapse" : "Expand", () -> canvas.toggleExpanded(id)),
                    item("Ungroup Block", actions::ungroup));
            if (editor.graph().uses(block.definition()) > 1) {
                menu.getItems().add(item("Make Independent", () -> actions.makeIndependent(id)));
            }
        }
        menu.setId("card-menu");
        return menu;
    }

    private ContextMenu edgeMenu(Edge edge) {
        ContextMenu menu = new ContextMenu(
                item("Delete Connection", canvas::deleteSelection),
                kinds("Insert Layer Here", type -> actions.insertOn(edge, type)));
        menu.setId("connection-menu");
        return menu;
    }

    private ContextMenu canvasMenu() {
        ContextMenu menu = new ContextMenu(
                item("Paste", actions::paste),
                item("Select All", canvas::selectAll),
                new SeparatorMenuItem(),
                item("Auto-layout Top-Down", () -> actions.autoLayout(true)),
                item("Auto-layout Left-Right", () -> actions.autoLayout(false)),
                item("Fit to Window", canvas::fit));
        menu.setId("canvas-menu");
        return menu;
    }

    /** Returns a menu of every layer kind, grouped by category as the palette groups them. */
    private static Menu kinds(String title, Consumer<LayerType> chosen) {
        Menu menu = new Menu(title);
        for (Category c : Category.values()) {
            Menu group = new Menu(c.title());
            for (LayerType t : LayerCatalog.all()) {
                if (t.category() == c) {
                    group.getItems().add(item(t.name(), () -> chosen.accept(t)));
                }
            }
            if (!group.getItems().isEmpty()) {
                menu.getItems().add(group);
            }
        }
        return menu;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        item.setOnAction(e -> action.run());
        return item;
    }
}
