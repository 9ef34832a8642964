package org.layercanvas.ui.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layercanvas.edit.SetSectionCommand;
import org.layercanvas.engine.SettingsException;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.ui.common.DesignEditor;

/**
 * The Settings panel: every value of the design's {@code training} section (optimizer, learning rate
 * and schedule, batch size, epochs, weight decay, seed, early stopping, checkpoints). A value is
 * committed on Enter or when the field loses focus, as one undoable edit; a value the training
 * service would refuse is not committed, its field is marked and the reason is shown. Escape puts
 * back the value the design holds. Only the keys a person sets are written to the file.
 */
public final class SettingsView extends ScrollPane {
    /** One row of the form: the key in the file, its label, and what it means. */
    private record Field(String key, String label, String doc) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("optimizer", "Optimizer", "sgd, adam or adamw: how the weights follow the gradient"),
            new Field("learningRate", "Learning rate", "The base step size, above 0 and at most 10 (Adam: about 0.001)"),
            new Field("momentum", "Momentum", "SGD momentum, 0 to below 1 (0: plain SGD); Adam and AdamW ignore it"),
            new Field("schedule", "Schedule", "fixed; step: multiply the rate every few epochs; cosine: down to 0 by the last epoch"),
            new Field("stepEpochs", "Step every", "For the step schedule: multiply the rate every this many epochs"),
            new Field("stepGamma", "Step factor", "For the step schedule: the factor, above 0 and at most 1"),
            new Field("warmupEpochs", "Warm-up epochs", "Epochs over which the rate rises linearly before the schedule starts"),
            new Field("batchSize", "Batch size", "Samples per step, 1 to 65536"),
            new Field("epochs", "Epochs", "Passes over the training data, 1 to 100000"),
            new Field("weightDecay", "Weight decay", "L2 penalty on the weights, 0 to below 1"),
            new Field("seed", "Seed", "Decides initial weights, the split and the batch order: the same seed gives the same run"),
            new Field("earlyStopping", "Early stopping", "none; val_loss or val_accuracy: stop when it has not improved for 'patience' epochs"),
            new Field("patience", "Patience", "Epochs without improvement before early stopping ends the run"),
            new Field("checkpointEvery", "Checkpoint every", "Save the weights every this many epochs (0: only at the end)"));

    private final DesignEditor editor;
    private final Consumer<String> status;
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final Label message = new Label();
    private Map<String, Object> shown;
    private boolean showing;

    /** Edits the training section of the design of {@code editor}; {@code status} hears what was refused. */
    public SettingsView(DesignEditor editor, Consumer<String> status) {
        this.editor = editor;
        this.status = status;
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
        for (Field f : FIELDS) {
            if (List.of("optimizer", "schedule", "batchSize", "earlyStopping").contains(f.key()) && row > 0) {
                grid.add(section(f.key()), 0, row++, 2, 1);
            }
            Control c = control(f);
            Label label = new Label(f.label());
            label.setLabelFor(c);
            label.setMnemonicParsing(false);
            grid.add(label, 0, row);
            grid.add(c, 1, row++);
        }
        message.setId("settings-message");
        message.setWrapText(true);
        message.getStyleClass().add("panel-message");
        message.setVisible(false);
        message.managedProperty().bind(message.visibleProperty());
        Button defaults = new Button("Use defaults");
        defaults.setId("settings-defaults");
        defaults.setTooltip(new Tooltip("Remove every training setting from the design, so each takes its default"));
        defaults.setOnAction(e -> execute(Map.of(), "Reset Training Settings"));
        VBox box = new VBox(8, title, intro, grid, message, defaults);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("settings");
        setContent(box);
        editor.onChange(c -> show());
        show();
    }

    private static Node section(String key) {
        String text = switch (key) {
            case "schedule" -> "Learning-rate schedule";
            case "batchSize" -> "Batches and epochs";
            default -> "Stopping and checkpoints";
        };
        Label l = new Label(text);
        l.getStyleClass().add("settings-section");
        GridPane.setMargin(l, new Insets(6, 0, 0, 0));
        return l;
    }

    private Control control(Field f) {
        Control c;
        List<String> choices = switch (f.key()) {
            case "optimizer" -> TrainingSettings.OPTIMIZERS;
            case "schedule" -> TrainingSettings.SCHEDULES;
            case "earlyStopping" -> TrainingSettings.EARLY_STOPPING;
            default -> null;
        };
        if (choices != null) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().setAll(choices);
            box.setMaxWidth(Double.MAX_VALUE);
            box.setOnAction(e -> {
                if (!showing && box.getValue() != null) {
                    commit(f, box.getValue());
                }
            });
            c = box;
        } else {
            TextField text = new TextField();
            text.setPrefColumnCount(8);
            text.setOnAction(e -> commitText(f, text));
            text.focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    commitText(f, text);
                }
            });
            text.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    shown = null;
                    show();
                    e.consume();
                }
            });
            c = text;
        }
        c.setId("setting-" + f.key());
        c.setTooltip(new Tooltip(f.doc() + " (training." + f.key() + ")"));
        controls.put(f.key(), c);
        return c;
    }

    /** Returns the control of a setting, for tests. */
    Control control(String key) {
        return controls.get(key);
    }

    private void commitText(Field f, TextField text) {
        if (showing) {
            return;
        }
        String typed = text.getText().strip();
        Object current = effective().get(f.key());
        if (typed.equals(format(current))) {
            flag(f.key(), null);
            return;
        }
        Object value;
        try {
            value = current instanceof Double ? (Object) Double.parseDouble(typed) : (Object) Long.parseLong(typed);
        } catch (NumberFormatException e) {
            flag(f.key(), "training." + f.key() + ": " + f.label() + " must be "
                    + (current instanceof Double ? "a number" : "a whole number") + "; got \"" + typed + "\"");
            return;
        }
        commit(f, value);
    }

    private void commit(Field f, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(editor.design().training());
        next.put(f.key(), value);
        try {
            TrainingSettings.fromMap(next);
        } catch (SettingsException e) {
            flag(f.key(), e.getMessage());
            return;
        }
        flag(f.key(), null);
        execute(next, "Set " + f.label());
    }

    private void execute(Map<String, Object> next, String description) {
        editor.execute(new SetSectionCommand(SetSectionCommand.Section.TRAINING, next, description))
                .ifPresent(reason -> flag(null, reason));
    }

    /** Marks the field of {@code key} (all fields when null) as refused with {@code reason}, or clears the mark. */
    private void flag(String key, String reason) {
        controls.forEach((k, c) -> {
            if (k.equals(key) || key == null) {
                c.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), reason != null);
            }
        });
        message.setText(reason == null ? "" : "Refused: " + reason);
        message.setVisible(reason != null);
        if (reason != null) {
            status.accept("Refused: " + reason);
        }
    }

    /** Returns the settings the design trains with: its section over the defaults. */
    private Map<String, Object> effective() {
        try {
            return TrainingSettings.fromMap(editor.design().training()).toMap();
        } catch (SettingsException e) {
            return TrainingSettings.DEFAULTS.toMap();
        }
    }

    private void show() {
        Map<String, Object> section = editor.design().training();
        if (section.equals(shown)) {
            return;
        }
        shown = section;
        showing = true;
        try {
            String problem = null;
            try {
                TrainingSettings.fromMap(section);
            } catch (SettingsException e) {
                problem = e.getMessage();
            }
            Map<String, Object> values = effective();
            for (Map.Entry<String, Control> e : controls.entrySet()) {
                Object v = section.containsKey(e.getKey()) && problem != null ? section.get(e.getKey())
                        : values.get(e.getKey());
                if (e.getValue() instanceof ComboBox<?> box) {
                    @SuppressWarnings("unchecked")
                    ComboBox<String> b = (ComboBox<String>) box;
                    b.setValue(String.valueOf(v).toLowerCase(Locale.ROOT));
                } else if (e.getValue() instanceof TextField t) {
                    t.setText(format(v));
                }
            }
            String optimizer = String.valueOf(values.get("optimizer"));
            controls.get("momentum").setDisable(!optimizer.equals("sgd"));
            boolean step = "step".equals(values.get("schedule"));
            controls.get("stepEpochs").setDisable(!step);
            controls.get("stepGamma").setDisable(!step);
            controls.get("patience").setDisable("none".equals(values.get("earlyStopping")));
            flag(null, null);
            if (problem != null) {
                message.setText("The design file's training section: " + problem);
                message.setVisible(true);
            }
        } finally {
            showing = false;
        }
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        return String.valueOf(v);
    }
}
