package org.layercanvas.ui.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.layercanvas.data.DatasetCatalog;
import org.layercanvas.data.DatasetKind;
import org.layercanvas.engine.Readiness;
import org.layercanvas.engine.SettingsException;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.common.Fields;
import org.layercanvas.ui.common.FileDialogs;
import org.layercanvas.ui.common.PromptButtonCell;
import org.layercanvas.ui.common.ReadinessModel;

/**
 * The Data panel: what the design trains on. A shipped sample one click away (Iris, MNIST,
 * Spirals), or a kind with its form ({@link DataForm}, drawn from the dataset catalog). At the top,
 * whether the data fits the design and why Train is disabled when it does not; at the bottom a
 * {@link DataPreview} of the data, read off the FX thread. Every change goes through the
 * {@link DataModel} as one undoable edit of the design's {@code dataset} section.
 */
public final class DataView extends ScrollPane {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private static final PseudoClass SUCCESS = PseudoClass.getPseudoClass("success");

    private final DesignEditor editor;
    private final DataModel model;
    private final ComboBox<DatasetKind> kind = new ComboBox<>();
    private final Map<String, DataForm> forms = new LinkedHashMap<>();
    private final TextField validation = new TextField();
    private final Label message = new Label();
    private final Label hint = new Label();
    private final Label checkText = new Label();
    private final ProgressIndicator checkProgress = new ProgressIndicator();
    private final HBox checkRow = new HBox(6);
    private final DataPreview preview;
    private boolean showing;

    /** Edits the dataset section through {@code model}, showing what {@code readiness} says of it. */
    public DataView(DataModel model, DesignEditor editor, ReadinessModel readiness, Background background,
            FileDialogs dialogs) {
        this.editor = editor;
        this.model = model;
        this.preview = new DataPreview(background.lane());
        setId("data");
        setFitToWidth(true);
        Label title = new Label("Dataset");
        title.getStyleClass().add("panel-title");

        HBox samples = new HBox(6, sample(DataModel.Sample.IRIS, "Iris", "iris.csv: 150 flowers, 4 measurements,"
                + " 3 species"), sample(DataModel.Sample.MNIST, "MNIST", "8,000 handwritten digits, 28×28 grey (IDX),"
                + " with 2,000 test digits"), sample(DataModel.Sample.SPIRALS, "Spirals", "Three interleaved spiral"
                + " arms, 1,500 points in 2-D"));
        samples.setAlignment(Pos.CENTER_LEFT);
        Label samplesLabel = new Label("Samples");
        samplesLabel.setMinWidth(Control.USE_PREF_SIZE);
        HBox samplesRow = new HBox(8, samplesLabel, samples);
        samplesRow.setAlignment(Pos.CENTER_LEFT);

        kind.setId("data-kind");
        kind.getItems().setAll(DatasetCatalog.kinds());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(DatasetKind k) {
                return k == null ? "" : k.label();
            }

            @Override
            public DatasetKind fromString(String s) {
                return null;
            }
        });
        kind.setMaxWidth(Double.MAX_VALUE);
        kind.setPromptText("choose where the samples come from");
        PromptButtonCell.install(kind);
        kind.setTooltip(new Tooltip(DatasetCatalog.KIND.doc() + " (dataset.kind)"));
        kind.setOnAction(e -> {
            if (!showing && kind.getValue() != null) {
                model.switchKind(kind.getValue());
            }
        });
        Label kindLabel = new Label("Kind");
        kindLabel.setLabelFor(kind);
        kindLabel.setMinWidth(86);
        HBox kindRow = new HBox(8, kindLabel, kind);
        kindRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(kind, Priority.ALWAYS);

        StackPane formArea = new StackPane();
        for (DatasetKind k : DatasetCatalog.kinds()) {
            DataForm form = new DataForm(k, model, dialogs);
            forms.put(k.name(), form);
            formArea.getChildren().add(form);
        }
        validation.setId("data-validation");
        validation.setPromptText(DatasetCatalog.VALIDATION.placeholder());
        validation.setTooltip(new Tooltip(DatasetCatalog.VALIDATION.doc() + " (dataset.validation)"));
        Fields.commitOnEnterOrLeave(validation, this::typedValidation, this::show);
        Label validationLabel = new Label(DatasetCatalog.VALIDATION.label());
        validationLabel.setLabelFor(validation);
        validationLabel.setMinWidth(86);
        HBox validationRow = new HBox(8, validationLabel, validation);
        validationRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(validation, Priority.ALWAYS);

        message.setId("data-message");
        message.setWrapText(true);
        message.getStyleClass().add("panel-message");
        message.managedProperty().bind(message.visibleProperty());
        message.setVisible(false);
        hint.setId("data-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("panel-hint");
        hint.managedProperty().bind(hint.visibleProperty());
        hint.setVisible(false);

        checkText.setId("data-check");
        checkText.setWrapText(true);
        checkText.setTooltip(new Tooltip("Whether the data fits the design: input shape, classes, label type;"
                + " Train stays disabled while it does not"));
        checkProgress.setMaxSize(16, 16);
        checkRow.getChildren().setAll(checkProgress, checkText);
        checkRow.getStyleClass().add("data-check");
        HBox.setHgrow(checkText, Priority.ALWAYS);
        checkText.setMaxWidth(Double.MAX_VALUE);
        readiness.resultProperty().addListener((o, a, b) -> showCheck(b));
        showCheck(readiness.resultProperty().get());

        VBox box = new VBox(8, title, checkRow, samplesRow, kindRow, formArea, hint, validationRow, message, preview);
        box.setPadding(new Insets(8));
        setContent(box);
        model.refusalProperty().addListener((o, a, b) -> showRefusal(b));
        model.classes().addListener((ListChangeListener<String>) c -> showHint());
        editor.onChange(c -> {
            // a graph edit leaves the form as it is; the seed in the training section feeds the preview
            if (c.reopened() || !c.before().dataset().equals(c.after().dataset())
                    || !c.before().training().equals(c.after().training())) {
                show();
            }
        });
        editor.fileProperty().addListener((o, a, b) -> show());
        show();
    }

    private Button sample(DataModel.Sample which, String name, String tip) {
        Button b = new Button(name);
        b.setId("sample-" + name.toLowerCase(Locale.ROOT));
        b.setTooltip(new Tooltip("Train on the shipped " + name + " sample: " + tip));
        b.setOnAction(e -> model.use(which));
        return b;
    }

    private void typedValidation() {
        if (!showing && !validation.getText().strip().equals(DataForm.display(model.section().get("validation")))
                && !model.type(DatasetCatalog.VALIDATION, validation.getText())) {
            show();
            validation.pseudoClassStateChanged(DANGER, true);
        }
    }

    private void show() {
        Map<String, Object> section = model.section();
        showing = true;
        try {
            DatasetKind k = model.kind().orElse(null);
            kind.setValue(k);
            forms.forEach((name, form) -> {
                boolean mine = k != null && name.equals(k.name());
                form.setVisible(mine);
                form.setManaged(mine);
                if (mine) {
                    form.show(section);
                }
            });
            validation.setText(DataForm.display(section.get("validation")));
            validation.pseudoClassStateChanged(DANGER, false);
        } finally {
            showing = false;
        }
        showHint();
        preview.show(section, model.baseDir(), seed());
    }

    private void showHint() {
        Map<String, Object> section = model.section();
        String text = "";
        if ("idx".equals(section.get("kind")) && section.get("testImages") != null) {
            text = "Test set (kept apart, never trained on): " + section.get("testImages") + " with "
                    + section.get("testLabels");
        } else if ("images".equals(section.get("kind")) && !model.classes().isEmpty()) {
            text = model.classes().size() + " classes: " + String.join(", ", model.classes());
        }
        hint.setText(text);
        hint.setVisible(!text.isEmpty());
    }

    private void showRefusal(DataModel.Refusal r) {
        message.setText(r == null ? "" : "Refused: " + r.message());
        message.setVisible(r != null);
        if (r != null && r.key() != null) {
            model.kind().map(k -> forms.get(k.name())).ifPresent(f -> f.markRefused(r.key()));
        }
    }

    private void showCheck(Readiness r) {
        boolean checking = r.state() == Readiness.State.CHECKING;
        checkProgress.setVisible(checking);
        checkProgress.setManaged(checking);
        for (var n : List.of(checkText, checkRow)) {
            n.pseudoClassStateChanged(DANGER, r.state() == Readiness.State.BLOCKED);
            n.pseudoClassStateChanged(SUCCESS, r.state() == Readiness.State.READY);
        }
        if (checking && !checkText.getText().isEmpty()) {
            // keep the last verdict while the next one is worked out, so edits do not make it flicker
            return;
        }
        checkText.setText(switch (r.state()) {
            case CHECKING -> "Checking the data against the design…";
            case READY -> "Ready to train. " + r.description();
            case BLOCKED -> "Train is disabled:\n• " + String.join("\n• ", ReadinessModel.hinted(r));
        });
    }

    private long seed() {
        try {
            return TrainingSettings.fromMap(editor.design().training()).seed();
        } catch (SettingsException e) {
            return TrainingSettings.DEFAULTS.seed();
        }
    }
}
