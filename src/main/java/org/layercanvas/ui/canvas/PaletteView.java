package org.layercanvas.ui.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Category;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.ui.common.DesignEditor;

/**
 * The layer palette: the catalog grouped by category, and the design's own blocks, with a search
 * box. Drag an entry onto the canvas, or double-click it to add it beside the selection, wired to it.
 */
public final class PaletteView extends VBox {
    private final TextField search = new TextField();
    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("Layers"));
    private final DesignEditor editor;
    private Map<String, BlockDefinition> blocks;

    /** Offers the catalog and the blocks of the design {@code editor} holds, adding through {@code actions}. */
    public PaletteView(DesignEditor editor, CanvasActions actions) {
        super(6);
        this.editor = editor;
        this.blocks = editor.graph().blocks();
        getStyleClass().add("palette");
        search.setPromptText("Search layers");
        search.setId("palette-search");
        tree.setId("palette");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new TreeCell<>() {
            {
                setOnDragDetected(e -> {
                    if (getItem() instanceof PaletteEntry entry) {
                        var board = startDragAndDrop(TransferMode.COPY);
                        ClipboardContent content = new ClipboardContent();
                        content.putString(entry.key());
                        board.setContent(content);
                        e.consume();
                    }
                });
                setOnMouseClicked(e -> {
                    if (e.getClickCount() == 2 && getItem() instanceof PaletteEntry entry) {
                        actions.addBesideSelection(entry);
                    }
                });
            }

            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                } else if (item instanceof PaletteEntry entry) {
                    setText(entry.name());
                    setGraphic(new Circle(5, CategoryStyle.color(entry.category())));
                    setTooltip(new Tooltip(entry.doc()));
                } else {
                    setText(((Category) item).title());
                    setGraphic(null);
                    setTooltip(null);
                }
            }
        });
        search.textProperty().addListener((o, a, b) -> fill(b));
        VBox.setVgrow(tree, Priority.ALWAYS);
        Label title = new Label("Layers");
        title.getStyleClass().add("panel-title");
        getChildren().addAll(title, search, tree);
        fill("");
        // the design's blocks: offered again whenever one is made, renamed or goes
        // (compared by what the palette says of them, not their bodies: an edit inside a block leaves
        // the palette as it was, measured at 50 ms a keystroke when it was rebuilt each time)
        editor.onChange(c -> {
            if (!offered(editor.graph().blocks()).equals(offered(blocks))) {
                blocks = editor.graph().blocks();
                fill(search.getText());
            } else {
                blocks = editor.graph().blocks();
            }
        });
    }

    /** Returns what the palette shows of each block: its name and size, by definition id. */
    private static Map<String, String> offered(Map<String, BlockDefinition> blocks) {
        Map<String, String> out = new java.util.HashMap<>();
        blocks.forEach((id, d) -> out.put(id, d.name() + " " + d.body().size()));
        return out;
    }

    private void fill(String filter) {
        String f = filter.trim().toLowerCase(Locale.ROOT);
        tree.getRoot().getChildren().clear();
        List<PaletteEntry> entries = new ArrayList<>();
        LayerCatalog.all().forEach(t -> entries.add(PaletteEntry.of(t)));
        blocks.forEach((id, d) -> entries.add(PaletteEntry.block(id, d)));
        for (Category c : Category.values()) {
            TreeItem<Object> group = new TreeItem<>(c);
            for (PaletteEntry t : entries) {
                if (t.category() == c && (f.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(f)
                        || t.doc().toLowerCase(Locale.ROOT).contains(f))) {
                    group.getChildren().add(new TreeItem<>(t));
                }
            }
            if (!group.getChildren().isEmpty()) {
                group.setExpanded(true);
                tree.getRoot().getChildren().add(group);
            }
        }
    }
}
