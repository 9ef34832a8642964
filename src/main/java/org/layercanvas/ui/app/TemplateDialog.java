package org.layercanvas.ui.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.layercanvas.data.DatasetCatalog;
import org.layercanvas.data.DatasetKind;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.io.Templates;
import org.layercanvas.io.Templates.Template;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.Counts;

/**
 * File → New from Template: the shipped samples, each with what it shows and, for the one picked,
 * its size (layers, blocks, parameters) and the data it trains on. Double-click or Enter creates it.
 */
final class TemplateDialog {
    private TemplateDialog() {
    }

    /**
     * Asks which template to start from; each is read from {@code samplesDir} on {@code background}
     * the first time it is picked, for its facts. Empty when cancelled.
     */
    static Optional<Template> choose(Window owner, Path samplesDir, Background background) {
        Dialog<Template> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New from Template");
        dialog.setHeaderText("Start a new design from one of these. Saving asks where; the template stays as it is.");
        ButtonType create = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(create, ButtonType.CANCEL);

        ListView<Template> list = new ListView<>();
        list.setId("template-list");
        list.getItems().setAll(Templates.all());
        list.setPrefSize(280, 330);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Template t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.title());
            }
        });
        Label title = new Label();
        title.getStyleClass().add("template-title");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
        Label description = new Label();
        description.setWrapText(true);
        Label facts = new Label();
        facts.setId("template-facts");
        facts.setWrapText(true);
        VBox detail = new VBox(10, title, description, facts);
        detail.setPadding(new Insets(4, 0, 0, 8));
        detail.setPrefWidth(320);
        HBox.setHgrow(detail, Priority.ALWAYS);
        Map<Template, String> known = new HashMap<>();
        list.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            title.setText(t == null ? "" : t.title());
            description.setText(t == null ? "" : t.description());
            facts.setText(t == null ? "" : known.getOrDefault(t, "Reading…"));
            if (t != null && !known.containsKey(t)) {
                background.run(() -> facts(t, samplesDir), text -> {
                    known.put(t, text);
                    if (t.equals(list.getSelectionModel().getSelectedItem())) {
                        facts.setText(text);
                    }
                }, e -> facts.setText("Cannot read this template: " + e.getMessage()));
            }
        });
        list.getSelectionModel().selectFirst();
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(list.getSelectionModel().getSelectedItem());
                dialog.close();
            }
        });
        dialog.getDialogPane().setContent(new HBox(8, list, detail));
        dialog.getDialogPane().lookupButton(create).disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        dialog.setResultConverter(b -> b == create ? list.getSelectionModel().getSelectedItem() : null);
        dialog.setOnShown(e -> list.requestFocus());
        return dialog.showAndWait();
    }

    /** Returns what the template holds and trains on, or why it cannot be read. */
    private static String facts(Template t, Path samplesDir) {
        try {
            Design d = Templates.read(t, samplesDir);
            Analysis a = Analysis.of(d.graph());
            int blocks = d.graph().blocks().size();
            String kind = String.valueOf(d.dataset().get(DatasetCatalog.KIND.name()));
            String data = d.dataset().isEmpty() ? "No dataset chosen yet: pick one in the Data tab."
                    : "Trains on: " + DatasetCatalog.kind(kind).map(DatasetKind::label).orElse(kind)
                            + (d.dataset().get("name") != null ? ", " + d.dataset().get("name") : "");
            return String.format(Locale.ROOT, "%d layers%s · %s parameters%n%s", a.layerCount(),
                    blocks == 0 ? "" : " in " + blocks + " block definition" + (blocks == 1 ? "" : "s"),
                    Counts.compact(a.totalParams()), data);
        } catch (IOException e) {
            return "Cannot read this template: " + e.getMessage();
        }
    }
}
