package org.layercanvas.ui.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layercanvas.engine.Setting;
import org.layercanvas.engine.SettingsCatalog;
import org.layercanvas.graph.Param;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.common.Fields;

/**
 * The Settings panel: every training setting of the settings catalog, under its group's heading, a
 * list for a choice and a text field for a number, with its doc and bounds as a tooltip. A value is
 * committed on Enter or when the field loses focus; one the catalog refuses is not, its field is
 * marked and the reason shown, and the field goes back to the value the design holds. Escape puts
 * back that value too. A setting that does not apply (momentum for Adam) is disabled.
 */
public final class SettingsView extends ScrollPane {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final DesignEditor editor;
    private final SettingsModel model;
    private final Map<Setting, Control> controls = new LinkedHashMap<>();
    private final Label message = new Label();
    private boolean showing;

    /** Shows the design's training settings and edits them through {@code model}. */
    public SettingsView(DesignEditor editor, SettingsModel model) {
        this.editor = editor;
        this.model = model;
        setId("settings");
        setFitToWidth(true);
        Label title = new Label("Training settings");
        title.getStyleClass().add("panel-title");
        Label intro = new Label("Saved in the design file; the Train button uses them.");
        intro.getStyleClass().add("panel-hint");
        intro.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Control.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, values);
        int row = 0;
        String group = null;
        for (Setting s : SettingsCatalog.all()) {
            if (!s.group().equals(group)) {
                group = s.group();
                Label heading = new Label(group);
                heading.getStyleClass().add("settings-section");
                GridPane.setMargin(heading, new Insets(row == 0 ? 0 : 6, 0, 0, 0));
                grid.add(heading, 0, row++, 2, 1);
            }
            Control c = control(s);
            Label label = new Label(s.label());
            label.setLabelFor(c);
            label.setMnemonicParsing(false);
            grid.add(label, 0, row);
            grid.add(c, 1, row++);
        }
        message.setId("settings-message");
        message.setWrapText(true);
        message.getStyleClass().add("panel-message");
        message.managedProperty().bind(message.visibleProperty());
        Button defaults = new Button("Use defaults");
        defaults.setId("settings-defaults");
        defaults.setTooltip(new Tooltip("Remove every training setting from the design, so each takes its default"));
        defaults.setOnAction(e -> model.useDefaults());
        VBox box = new VBox(8, title, intro, grid, message, defaults);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("settings");
        setContent(box);
        model.refusalProperty().addListener((o, a, b) -> showRefusal(b));
        editor.onChange(c -> {
            if (c.reopened() || !c.before().training().equals(c.after().training())) {
                show();
            }
        });
        show();
    }

    private Control control(Setting s) {
        Control c;
        if (s.type() == Setting.Type.CHOICE) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().setAll(s.choices());
            box.setMaxWidth(Double.MAX_VALUE);
            box.setOnAction(e -> {
                if (!showing && box.getValue() != null) {
                    model.set(s, box.getValue());
                }
            });
            c = box;
        } else {
            TextField text = new TextField();
            text.setPrefColumnCount(8);
            text.setPromptText(Param.format(s.defaultValue()));
            Fields.commitOnEnterOrLeave(text, () -> typed(s, text), this::show);
            c = text;
        }
        c.setId("setting-" + s.key());
        c.setTooltip(new Tooltip(s.doc() + "; " + s.expected() + ", default " + Param.format(s.defaultValue())
                + " (training." + s.key() + ")"));
        controls.put(s, c);
        return c;
    }

    private void typed(Setting s, TextField text) {
        if (showing || text.getText().strip().equals(Param.format(model.effective().get(s.key())))) {
            return;
        }
        if (!model.set(s, text.getText())) {
            // the field goes back to the value the design holds; the mark and the message stay
            SettingsModel.Refusal refused = model.refusalProperty().get();
            show();
            showRefusal(refused);
        }
    }

    private void showRefusal(SettingsModel.Refusal r) {
        controls.forEach((s, c) -> c.pseudoClassStateChanged(DANGER, r != null && s.key().equals(r.key())));
        message.setText(r == null ? "" : "Refused: " + r.message());
        message.setVisible(r != null);
    }

    private void show() {
        showing = true;
        try {
            Map<String, Object> values = model.effective();
            for (Map.Entry<Setting, Control> e : controls.entrySet()) {
                Object v = values.get(e.getKey().key());
                if (e.getValue() instanceof ComboBox<?> box) {
                    @SuppressWarnings("unchecked")
                    ComboBox<String> b = (ComboBox<String>) box;
                    b.setValue(String.valueOf(v).toLowerCase(Locale.ROOT));
                } else if (e.getValue() instanceof TextField t) {
                    t.setText(Param.format(v));
                }
                e.getValue().setDisable(!e.getKey().appliesTo(values));
            }
            showRefusal(null);
            model.problem().ifPresent(p -> {
                message.setText("The design file's training section: " + p);
                message.setVisible(true);
            });
        } finally {
            showing = false;
        }
    }
}
