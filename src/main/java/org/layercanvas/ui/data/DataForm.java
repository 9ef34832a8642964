package org.layercanvas.ui.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.layercanvas.data.DatasetCatalog;
import org.layercanvas.data.DatasetKey;
import org.layercanvas.data.DatasetKind;
import org.layercanvas.data.SyntheticShape;
import org.layercanvas.graph.Param;
import org.layercanvas.ui.common.Fields;
import org.layercanvas.ui.common.FileDialogs;
import org.layercanvas.ui.common.PromptButtonCell;

/**
 * The form of one kind of dataset, drawn from the {@link DatasetCatalog}: a field for each key of
 * the kind by its type (a list for a choice, the CSV's columns for its label and features, a text
 * field with a chooser for a path, a text field for a number or size), its label, its doc as a
 * tooltip and its default as a prompt. Every change goes to the {@link DataModel}.
 */
final class DataForm extends GridPane {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final DatasetKind kind;
    private final DataModel model;
    private final FileDialogs dialogs;
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private final Map<String, BooleanProperty> ticks = new LinkedHashMap<>();
    private final ListView<String> featureList = new ListView<>();
    private boolean showing;

    DataForm(DatasetKind kind, DataModel model, FileDialogs dialogs) {
        this.kind = kind;
        this.model = model;
        this.dialogs = dialogs;
        setHgap(8);
        setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Control.USE_PREF_SIZE);
        labels.setPrefWidth(86);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        getColumnConstraints().addAll(labels, values);
        int row = 0;
        for (DatasetKey key : kind.keys()) {
            if (key.equals(DatasetCatalog.VALIDATION)) {
                continue;
            }
            Control field = field(key);
            field.setId("data-" + kind.name() + "-" + key.name());
            field.setTooltip(new Tooltip(key.doc() + " (dataset." + key.name() + (key.defaultValue() == null ? ""
                    : "; default " + display(key.defaultValue())) + ")"));
            fields.put(key.name(), field);
            Label label = new Label(key.label());
            label.setLabelFor(field);
            label.setMnemonicParsing(false);
            Node cell = key.type().isPath() ? withChooser(key, (TextField) field) : field;
            if (key.type() == DatasetKey.Type.COLUMNS) {
                GridPane.setValignment(label, VPos.TOP);
            }
            addRow(row++, label, cell);
        }
        model.columns().addListener((ListChangeListener<String>) c -> showFeatures());
    }

    /** Returns the field of one key, a text field for everything that is typed. */
    private Control field(DatasetKey key) {
        if (key.type() == DatasetKey.Type.TEXT && kind.keys().stream().anyMatch(k -> k.type() == DatasetKey.Type.COLUMNS)) {
            ComboBox<String> columns = new ComboBox<>(model.columns());
            columns.setMaxWidth(Double.MAX_VALUE);
            columns.setPromptText("choose a column");
            PromptButtonCell.install(columns);
            columns.setOnAction(e -> {
                if (!showing && columns.getValue() != null) {
                    model.set(key, columns.getValue());
                }
            });
            return columns;
        }
        if (!key.choices().isEmpty()) {
            ComboBox<String> choice = new ComboBox<>();
            choice.getItems().setAll(key.choiceLabels());
            choice.setMaxWidth(Double.MAX_VALUE);
            choice.setOnAction(e -> {
                int i = choice.getSelectionModel().getSelectedIndex();
                if (!showing && i >= 0) {
                    String word = key.choices().get(i);
                    model.set(key, key.type() == DatasetKey.Type.WHOLE ? (Object) Integer.parseInt(word) : word);
                }
            });
            return choice;
        }
        if (key.type() == DatasetKey.Type.COLUMNS) {
            featureList.setPrefHeight(120);
            featureList.setCellFactory(CheckBoxListCell.forListView(ticks::get));
            featureList.setOnKeyPressed(e -> {
                String item = featureList.getSelectionModel().getSelectedItem();
                if (e.getCode() == KeyCode.SPACE && item != null) {
                    ticks.get(item).set(!ticks.get(item).get());
                    e.consume();
                }
            });
            featureList.setPlaceholder(new Label("The file's columns appear here once it is read."));
            return featureList;
        }
        TextField text = new TextField();
        text.setPrefColumnCount(10);
        text.setPromptText(key.placeholder());
        Fields.commitOnEnterOrLeave(text, () -> typed(key, text), () -> show(model.section()));
        return text;
    }

    private void typed(DatasetKey key, TextField field) {
        if (showing || field.getText().strip().equals(display(model.section().get(key.name())))) {
            return;
        }
        if (!model.type(key, field.getText())) {
            // refused: the field shows the value the design holds, the message says why
            show(model.section());
            field.pseudoClassStateChanged(DANGER, true);
        }
    }

    private Node withChooser(DatasetKey key, TextField field) {
        Button browse = new Button("…");
        browse.setId("data-browse-" + key.name());
        boolean folder = key.type() == DatasetKey.Type.FOLDER;
        String title = folder ? "Choose the " + kind.label().toLowerCase(Locale.ROOT)
                : key.name().equals("file") ? "Choose the " + kind.label()
                : "Choose the " + key.label().toLowerCase(Locale.ROOT) + " file";
        browse.setTooltip(new Tooltip(title));
        browse.setOnAction(e -> {
            Path start = model.baseDir();
            var chosen = folder ? dialogs.folder(getScene().getWindow(), title, start)
                    : dialogs.open(getScene().getWindow(), title, start, List.of(
                            new FileDialogs.Filter(key.label() + " (" + String.join(", ", key.filePatterns()) + ")",
                                    key.filePatterns()), FileDialogs.Filter.of("All files", "*")));
            chosen.ifPresent(p -> model.choose(key, p));
        });
        HBox row = new HBox(4, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        return row;
    }

    /** Shows a section's values without committing anything. */
    void show(Map<String, Object> section) {
        showing = true;
        try {
            for (DatasetKey key : kind.keys()) {
                Control field = fields.get(key.name());
                if (field == null) {
                    continue;
                }
                field.pseudoClassStateChanged(DANGER, false);
                Object value = section.get(key.name());
                if (field instanceof TextField t) {
                    t.setText(display(value));
                    // a path reads best by its end, the file's name
                    t.positionCaret(t.getText().length());
                } else if (field instanceof ComboBox<?> box) {
                    @SuppressWarnings("unchecked")
                    ComboBox<String> b = (ComboBox<String>) box;
                    Object shown = value == null ? key.defaultValue() : value;
                    int i = shown == null ? -1 : key.choices().indexOf(String.valueOf(shown));
                    b.setValue(key.choices().isEmpty() ? (value == null ? null : String.valueOf(value))
                            : i >= 0 ? key.choiceLabels().get(i) : null);
                }
            }
            if (kind.name().equals("synthetic") && fields.get("classes") != null) {
                SyntheticShape shape = SyntheticShape.find(String.valueOf(section.get("name")));
                fields.get("classes").setDisable(shape != null && shape.fixedClasses() > 0);
            }
        } finally {
            showing = false;
        }
        showFeatures();
    }

    /** Marks the field of {@code key} as refused. */
    void markRefused(String key) {
        Control field = fields.get(key);
        if (field != null) {
            field.pseudoClassStateChanged(DANGER, true);
        }
    }

    /** Fills the feature list from the CSV's columns (every one but the label) and the section's choice. */
    private void showFeatures() {
        if (!fields.containsValue(featureList)) {
            return;
        }
        Map<String, Object> section = model.section();
        Object label = section.get("label");
        Object chosen = section.get("features");
        List<String> candidates = model.columns().stream().filter(c -> !c.equals(label)).toList();
        boolean was = showing;
        showing = true;
        try {
            ticks.clear();
            for (String c : candidates) {
                BooleanProperty p = new SimpleBooleanProperty(!(chosen instanceof List<?> l) || l.contains(c));
                p.addListener((o, a, b) -> commitFeatures());
                ticks.put(c, p);
            }
            featureList.getItems().setAll(candidates);
        } finally {
            showing = was;
        }
    }

    private void commitFeatures() {
        if (showing) {
            return;
        }
        List<String> ticked = new ArrayList<>();
        ticks.forEach((c, p) -> {
            if (p.get()) {
                ticked.add(c);
            }
        });
        DatasetKey features = kind.key("features").orElseThrow();
        if (ticked.isEmpty()) {
            model.set(features, List.of());
            return;
        }
        model.set(features, ticked.size() == ticks.size() ? null : ticked);
    }

    /** Returns a value as its field shows it: whole numbers without a point, a size as {@code 32×48}. */
    static String display(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Number.class::isInstance)) {
            return Param.format(list).replace("x", "×");
        }
        return Param.format(v);
    }
}
