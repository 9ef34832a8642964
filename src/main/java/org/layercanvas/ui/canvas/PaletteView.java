package org.layercanvas.ui.canvas;

import java.util.Locale;
import java.util.function.Consumer;
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
import org.layercanvas.graph.Category;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerType;

/**
 * The layer palette: the catalog grouped by category, with a search box. Drag an entry onto the
 * canvas, or double-click it to add it beside the selection, wired to it.
 */
public final class PaletteView extends VBox {
    private final TextField search = new TextField();
    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("Layers"));

    public PaletteView(Consumer<LayerType> onDoubleClick) {
        super(6);
        getStyleClass().add("palette");
        search.setPromptText("Search layers");
        search.setId("palette-search");
        tree.setId("palette");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new TreeCell<>() {
            {
                setOnDragDetected(e -> {
                    if (getItem() instanceof LayerType type) {
                        var board = startDragAndDrop(TransferMode.COPY);
                        ClipboardContent content = new ClipboardContent();
                        content.putString(PaletteDrop.PREFIX + type.name());
                        board.setContent(content);
                        e.consume();
                    }
                });
                setOnMouseClicked(e -> {
                    if (e.getClickCount() == 2 && getItem() instanceof LayerType type) {
                        onDoubleClick.accept(type);
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
                } else if (item instanceof LayerType type) {
                    setText(type.name());
                    setGraphic(new Circle(5, CategoryStyle.color(type.category())));
                    setTooltip(new Tooltip(type.doc()));
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
    }

    private void fill(String filter) {
        String f = filter.trim().toLowerCase(Locale.ROOT);
        tree.getRoot().getChildren().clear();
        for (Category c : Category.values()) {
            TreeItem<Object> group = new TreeItem<>(c);
            for (LayerType t : LayerCatalog.all()) {
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
