package org.layercanvas.ui.data;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.jfree.data.xy.XYSeriesCollection;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.data.SyntheticShape;
import org.layercanvas.edit.SetSectionCommand;
import org.layercanvas.engine.SettingsException;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.common.ReadinessModel;

/**
 * The Data panel: what the design trains on. A built-in 2-D set with a scatter of its points, a
 * shipped sample (iris, MNIST) one click away, a CSV file with its first rows and a choice of label
 * and feature columns, a pair of IDX files or a folder of images with a grid of samples and their
 * labels, or token sequences. Every change is one undoable edit of the design's {@code dataset}
 * section; a value the loader would refuse is not committed and its field says why. At the top the
 * {@link DataCheckService} says whether the data fits the design, and why Train is disabled when it
 * does not; at the bottom a {@link DataPreview} shows the data, read on a background thread.
 */
public final class DataView extends ScrollPane {
    /** The kinds of dataset, as the design file names them. */
    enum Kind {
        SYNTHETIC("synthetic", "Built-in 2-D set"),
        CSV("csv", "CSV file"),
        IDX("idx", "IDX files (MNIST format)"),
        IMAGES("images", "Image folder"),
        SEQUENCES("sequences", "Token sequences");

        final String key;
        final String label;

        Kind(String key, String label) {
            this.key = key;
            this.label = label;
        }

        static Kind of(Object key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final DesignEditor editor;
    private final Path samplesDir;
    private final java.util.function.Consumer<String> status;
    private final ComboBox<Kind> kind = new ComboBox<>();
    private final Map<Kind, GridPane> forms = new EnumMap<>(Kind.class);
    private final Map<String, TextField> texts = new LinkedHashMap<>();
    private final StackPane formArea = new StackPane();
    private final TextField validation = new TextField();
    private final ComboBox<String> shape = new ComboBox<>();
    private final ComboBox<String> label = new ComboBox<>();
    private final ComboBox<String> task = new ComboBox<>();
    private final ComboBox<String> channels = new ComboBox<>();
    private final ListView<String> features = new ListView<>();
    private final Map<String, BooleanProperty> featureChecks = new LinkedHashMap<>();
    private final Label message = new Label();
    private final Label checkText = new Label();
    private final ProgressIndicator checkProgress = new ProgressIndicator();
    private final HBox checkRow = new HBox(6);
    private final Label idxTestSet = new Label();
    private final Map<Kind, Map<String, Object>> lastByKind = new EnumMap<>(Kind.class);
    private List<String> header = List.of();
    private Map<String, Object> shown;
    private final DataPreview preview;
    private boolean showing;

    /** Edits the dataset section of the design of {@code editor}, showing what {@code check} says of it. */
    public DataView(DesignEditor editor, ReadinessModel check, Background background, Path samplesDir,
            java.util.function.Consumer<String> status) {
        this.editor = editor;
        this.preview = new DataPreview(background.lane(), columns -> {
            header = columns;
            showFeatures();
        });
        this.samplesDir = samplesDir.toAbsolutePath().normalize();
        this.status = status;
        setId("data");
        setFitToWidth(true);
        Label title = new Label("Dataset");
        title.getStyleClass().add("panel-title");

        HBox samples = new HBox(6, sample("Iris", "iris.csv: 150 flowers, 4 measurements, 3 species", this::useIris),
                sample("MNIST", "8,000 handwritten digits, 28×28 grey (IDX), with 2,000 test digits", this::useMnist),
                sample("Spirals", "Three interleaved spiral arms, 1,500 points in 2-D", this::useSpirals));
        samples.setAlignment(Pos.CENTER_LEFT);
        Label samplesLabel = new Label("Samples");
        samplesLabel.setMinWidth(Control.USE_PREF_SIZE);
        HBox samplesRow = new HBox(8, samplesLabel, samples);
        samplesRow.setAlignment(Pos.CENTER_LEFT);

        kind.setId("data-kind");
        kind.getItems().setAll(Kind.values());
        kind.setMaxWidth(Double.MAX_VALUE);
        kind.setTooltip(new Tooltip("Where the samples come from (dataset.kind)"));
        kind.setOnAction(e -> {
            if (!showing && kind.getValue() != null) {
                switchKind(kind.getValue());
            }
        });
        Label kindLabel = new Label("Kind");
        kindLabel.setLabelFor(kind);
        GridPane top = grid();
        top.addRow(0, kindLabel, kind);

        buildForms();
        GridPane common = grid();
        validation.setId("data-validation");
        bindText(validation, "validation", "Validation share", DataView::decimal,
                "The share of samples kept for validation, above 0 and below 1 (dataset.validation; default 0.2)");
        common.addRow(0, labelFor("Validation", validation), validation);

        message.setId("data-message");
        message.setWrapText(true);
        message.getStyleClass().add("panel-message");
        message.setVisible(false);
        message.managedProperty().bind(message.visibleProperty());

        checkText.setId("data-check");
        checkText.setWrapText(true);
        checkText.setTooltip(new Tooltip("Whether the data fits the design: input shape, classes, label type;"
                + " Train stays disabled while it does not"));
        checkProgress.setMaxSize(16, 16);
        checkRow.getChildren().setAll(checkProgress, checkText);
        checkRow.getStyleClass().add("data-check");
        HBox.setHgrow(checkText, Priority.ALWAYS);
        checkText.setMaxWidth(Double.MAX_VALUE);
        check.resultProperty().addListener((o, a, b) -> showCheck(b));
        showCheck(check.resultProperty().get());

        idxTestSet.setId("data-test-set");
        idxTestSet.setWrapText(true);
        idxTestSet.getStyleClass().add("panel-hint");
        idxTestSet.managedProperty().bind(idxTestSet.visibleProperty());
        VBox box = new VBox(8, title, checkRow, samplesRow, top, formArea, idxTestSet, common, message, preview);
        box.setPadding(new Insets(8));
        setContent(box);
        editor.onChange(c -> show());
        editor.fileProperty().addListener((o, a, b) -> {
            shown = null;
            show();
        });
        show();
    }

    // ---- building -------------------------------------------------------------------------------

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Control.USE_PREF_SIZE);
        labels.setPrefWidth(86);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        g.getColumnConstraints().addAll(labels, values);
        return g;
    }

    private static Label labelFor(String text, Node control) {
        Label l = new Label(text);
        l.setLabelFor(control);
        l.setMnemonicParsing(false);
        return l;
    }

    private Button sample(String name, String tip, Runnable action) {
        Button b = new Button(name);
        b.setId("sample-" + name.toLowerCase(Locale.ROOT));
        b.setTooltip(new Tooltip("Train on the shipped " + name + " sample: " + tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void buildForms() {
        GridPane synthetic = grid();
        shape.setId("data-shape");
        shape.getItems().setAll(Arrays.stream(SyntheticShape.values()).map(SyntheticShape::key).toList());
        shape.setMaxWidth(Double.MAX_VALUE);
        shape.setTooltip(new Tooltip("Which 2-D set: spirals and blobs take any number of classes; moons, circles"
                + " and xor have 2 (dataset.name)"));
        shape.setOnAction(e -> {
            if (!showing && shape.getValue() != null) {
                Map<String, Object> next = section();
                next.put("name", shape.getValue());
                SyntheticShape s = SyntheticShape.valueOf(shape.getValue().toUpperCase(Locale.ROOT));
                if (s.fixedClasses() > 0) {
                    next.remove("classes");
                }
                commit(next, "name", "Set 2-D Set");
            }
        });
        synthetic.addRow(0, labelFor("Set", shape), shape);
        synthetic.addRow(1, labelFor("Points", text("size", "Points", DataView::whole,
                "How many points in total, before the split (dataset.size; default 1000)")), texts.get("size"));
        synthetic.addRow(2, labelFor("Noise", text("noise", "Noise", DataView::decimal,
                "Standard deviation of the jitter on x and y, 0 to 10; the sets are about 1 across (dataset.noise)")),
                texts.get("noise"));
        synthetic.addRow(3, labelFor("Classes", text("classes", "Classes", DataView::whole,
                "How many classes, for spirals and blobs (dataset.classes; default 3)")), texts.get("classes"));
        forms.put(Kind.SYNTHETIC, synthetic);

        GridPane csv = grid();
        csv.addRow(0, labelFor("File", text("file", "File", DataView::path,
                "The CSV file, with a header row of column names; relative to the design's folder (dataset.file)")),
                withBrowse(texts.get("file"), "file", false, "CSV files", "*.csv"));
        label.setId("data-label");
        label.setMaxWidth(Double.MAX_VALUE);
        label.setTooltip(new Tooltip("The column the network learns to predict (dataset.label)"));
        label.setOnAction(e -> {
            if (!showing && label.getValue() != null) {
                Map<String, Object> next = section();
                next.put("label", label.getValue());
                Object f = next.get("features");
                if (f instanceof List<?> list && list.contains(label.getValue())) {
                    List<Object> rest = new ArrayList<>(list);
                    rest.remove(label.getValue());
                    if (rest.isEmpty()) {
                        next.remove("features");
                    } else {
                        next.put("features", rest);
                    }
                }
                commit(next, "label", "Set Label Column");
            }
        });
        csv.addRow(1, labelFor("Label", label), label);
        task.setId("data-task");
        task.getItems().setAll("classification", "regression");
        task.setMaxWidth(Double.MAX_VALUE);
        task.setTooltip(new Tooltip("classification: the label names a class; regression: the label is a number"
                + " (dataset.task)"));
        task.setOnAction(e -> {
            if (!showing && task.getValue() != null) {
                Map<String, Object> next = section();
                next.put("task", task.getValue());
                commit(next, "task", "Set Task");
            }
        });
        csv.addRow(2, labelFor("Task", task), task);
        features.setId("data-features");
        features.setPrefHeight(110);
        features.setTooltip(new Tooltip("The feature columns the network sees; all ticked means every column but"
                + " the label (dataset.features). Space ticks the selected column."));
        features.setCellFactory(CheckBoxListCell.forListView(featureChecks::get));
        features.setOnKeyPressed(e -> {
            String item = features.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.SPACE && item != null) {
                featureChecks.get(item).set(!featureChecks.get(item).get());
                e.consume();
            }
        });
        Label featuresLabel = labelFor("Features", features);
        GridPane.setValignment(featuresLabel, javafx.geometry.VPos.TOP);
        csv.addRow(3, featuresLabel, features);
        forms.put(Kind.CSV, csv);

        GridPane idx = grid();
        idx.addRow(0, labelFor("Images", text("images", "Images", DataView::path,
                "The IDX images file (…-images-idx3-ubyte, plain or .gz); relative to the design's folder (dataset.images)")),
                withBrowse(texts.get("images"), "images", false, "IDX files", "*ubyte*", "*.idx*", "*.gz"));
        idx.addRow(1, labelFor("Labels", text("labels", "Labels", DataView::path,
                "The IDX labels file that pairs with the images (…-labels-idx1-ubyte, plain or .gz) (dataset.labels)")),
                withBrowse(texts.get("labels"), "labels", false, "IDX files", "*ubyte*", "*.idx*", "*.gz"));
        idx.addRow(2, labelFor("Limit", text("limit", "Limit", DataView::whole,
                "Read at most this many samples from each file; empty reads all (dataset.limit)")), texts.get("limit"));
        forms.put(Kind.IDX, idx);

        GridPane images = grid();
        images.addRow(0, labelFor("Folder", text("folder", "Folder", DataView::path,
                "The folder with one subfolder of images per class, named after the class (dataset.folder)")),
                withBrowse(texts.get("folder"), "folder", true, null));
        images.addRow(1, labelFor("Image size", text("size-images", "Image size", DataView::imageSize,
                "Every image is resized to this: one number for square images or height×width, e.g. 32×48"
                        + " (dataset.size; default 28)")), texts.get("size-images"));
        channels.setId("data-channels");
        channels.getItems().setAll("1 (grey)", "3 (colour)");
        channels.setMaxWidth(Double.MAX_VALUE);
        channels.setTooltip(new Tooltip("1: greyscale; 3: red, green and blue (dataset.channels)"));
        channels.setOnAction(e -> {
            if (!showing && channels.getValue() != null) {
                Map<String, Object> next = section();
                next.put("channels", channels.getValue().startsWith("3") ? 3 : 1);
                commit(next, "channels", "Set Channels");
            }
        });
        images.addRow(2, labelFor("Channels", channels), channels);
        forms.put(Kind.IMAGES, images);

        GridPane sequences = grid();
        sequences.addRow(0, labelFor("Length", text("length", "Length", DataView::whole,
                "Tokens per sequence (dataset.length; default 20)")), texts.get("length"));
        sequences.addRow(1, labelFor("Vocabulary", text("vocabulary", "Vocabulary", DataView::whole,
                "How many distinct tokens (dataset.vocabulary; default 16)")), texts.get("vocabulary"));
        sequences.addRow(2, labelFor("Sequences", text("size-sequences", "Sequences", DataView::whole,
                "How many sequences in total, before the split (dataset.size; default 2000)")),
                texts.get("size-sequences"));
        forms.put(Kind.SEQUENCES, sequences);
        formArea.getChildren().addAll(forms.values());
    }

    /** The file key a text field stands for: two fields share {@code size}. */
    private static String fileKey(String id) {
        return id.startsWith("size-") ? "size" : id;
    }

    private TextField text(String id, String what, Function<String, Object> parse, String tip) {
        TextField t = new TextField();
        t.setId("data-" + id);
        bindText(t, fileKey(id), what, parse, tip);
        texts.put(id, t);
        return t;
    }

    private void bindText(TextField t, String key, String what, Function<String, Object> parse, String tip) {
        t.setTooltip(new Tooltip(tip));
        t.setPrefColumnCount(10);
        Runnable commit = () -> {
            if (showing) {
                return;
            }
            String typed = t.getText().strip();
            Object current = editor.design().dataset().get(key);
            if (typed.equals(display(current))) {
                return;
            }
            Map<String, Object> next = section();
            if (typed.isEmpty()) {
                next.remove(key);
            } else {
                Object value = parse.apply(typed);
                if (value == null) {
                    refuse(key, "dataset." + key + ": " + what + " cannot be \"" + typed + "\"");
                    return;
                }
                next.put(key, value);
            }
            commit(next, key, "Set " + what);
        };
        t.setOnAction(e -> commit.run());
        t.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit.run();
            }
        });
        t.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                shown = null;
                show();
                e.consume();
            }
        });
    }

    private Node withBrowse(TextField field, String key, boolean folder, String filterName, String... patterns) {
        Button browse = new Button("…");
        browse.setId("data-browse-" + key);
        browse.setTooltip(new Tooltip(folder ? "Choose the folder" : "Choose the file"));
        browse.setOnAction(e -> {
            File start = baseDir().toFile();
            File chosen;
            if (folder) {
                DirectoryChooser c = new DirectoryChooser();
                c.setTitle("Choose the image folder");
                c.setInitialDirectory(start.isDirectory() ? start : null);
                chosen = c.showDialog(getScene().getWindow());
            } else {
                FileChooser c = new FileChooser();
                c.setTitle("Choose the " + key + " file");
                c.setInitialDirectory(start.isDirectory() ? start : null);
                c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(filterName, patterns),
                        new FileChooser.ExtensionFilter("All files", "*"));
                chosen = c.showOpenDialog(getScene().getWindow());
            }
            if (chosen != null) {
                field.setText(relative(chosen.toPath()));
                field.fireEvent(new javafx.event.ActionEvent());
            }
        });
        HBox row = new HBox(4, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        return row;
    }

    // ---- parsing typed values: null when the text is not a value of the kind ----------------------

    private static Object whole(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object decimal(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object path(String s) {
        try {
            Path.of(s);
            return s;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Object imageSize(String s) {
        String[] parts = s.split("\\s*[x×,]\\s*");
        if (parts.length == 1) {
            return whole(parts[0]);
        }
        if (parts.length == 2 && whole(parts[0]) != null && whole(parts[1]) != null) {
            return List.of(whole(parts[0]), whole(parts[1]));
        }
        return null;
    }

    private static String display(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        if (v instanceof List<?> list && list.size() == 2 && list.stream().allMatch(Number.class::isInstance)) {
            return display(list.get(0)) + "×" + display(list.get(1));
        }
        return String.valueOf(v);
    }

    // ---- editing --------------------------------------------------------------------------------

    private Map<String, Object> section() {
        return new LinkedHashMap<>(editor.design().dataset());
    }

    /**
     * Commits a new section unless the loader refuses the value of {@code key} itself; a section that
     * is merely incomplete (a CSV file not chosen yet) is committed and flagged by the check.
     */
    private void commit(Map<String, Object> next, String key, String description) {
        try {
            DatasetSpec.parse(withPlaceholders(next), baseDir());
        } catch (DataException e) {
            if (key != null && e.getMessage().startsWith("dataset." + key + ":")) {
                refuse(key, e.getMessage());
                return;
            }
        }
        refuse(null, null);
        editor.execute(new SetSectionCommand(SetSectionCommand.Section.DATASET, next, description))
                .ifPresent(reason -> refuse(null, reason));
    }

    /**
     * Returns the section with its required keys filled in where missing, so that checking one value
     * is not stopped short by another key that is still to be chosen (the loader reads keys in order).
     */
    private static Map<String, Object> withPlaceholders(Map<String, Object> section) {
        Map<String, Object> probe = new LinkedHashMap<>(section);
        Kind k = Kind.of(section.get("kind"));
        if (k == Kind.CSV) {
            probe.putIfAbsent("file", "placeholder.csv");
            probe.putIfAbsent("label", "placeholder");
        } else if (k == Kind.IDX) {
            probe.putIfAbsent("images", "placeholder-images");
            probe.putIfAbsent("labels", "placeholder-labels");
        } else if (k == Kind.IMAGES) {
            probe.putIfAbsent("folder", "placeholder");
        } else if (k == Kind.SYNTHETIC) {
            probe.putIfAbsent("name", "spirals");
        }
        return probe;
    }

    private void refuse(String key, String reason) {
        javafx.css.PseudoClass danger = javafx.css.PseudoClass.getPseudoClass("danger");
        texts.forEach((id, t) -> t.pseudoClassStateChanged(danger, reason != null && fileKey(id).equals(key)
                && t.getParent() != null && t.isVisible()));
        validation.pseudoClassStateChanged(danger, reason != null && "validation".equals(key));
        message.setText(reason == null ? "" : "Refused: " + reason);
        message.setVisible(reason != null);
        if (reason != null) {
            status.accept("Refused: " + reason);
        }
    }

    private void switchKind(Kind k) {
        Map<String, Object> current = editor.design().dataset();
        Kind was = Kind.of(current.get("kind"));
        if (was == k) {
            return;
        }
        Map<String, Object> next = new LinkedHashMap<>(lastByKind.getOrDefault(k, Map.of()));
        next.put("kind", k.key);
        if (k == Kind.SYNTHETIC) {
            next.putIfAbsent("name", "spirals");
        }
        if (current.containsKey("validation")) {
            next.putIfAbsent("validation", current.get("validation"));
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("kind", k.key);
        ordered.putAll(next);
        commit(ordered, null, "Use " + k.label);
    }

    private void useSample(Map<String, Object> section, String description) {
        refuse(null, null);
        editor.execute(new SetSectionCommand(SetSectionCommand.Section.DATASET, section, description))
                .ifPresent(reason -> refuse(null, reason));
    }

    private void useIris() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "csv");
        m.put("file", relative(samplesDir.resolve("iris.csv")));
        m.put("label", "species");
        m.put("task", "classification");
        m.put("validation", 0.2);
        useSample(m, "Use Iris Sample");
    }

    private void useMnist() {
        Path mnist = samplesDir.resolve("mnist");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "idx");
        m.put("images", relative(mnist.resolve("train-images-idx3-ubyte.gz")));
        m.put("labels", relative(mnist.resolve("train-labels-idx1-ubyte.gz")));
        m.put("testImages", relative(mnist.resolve("t10k-images-idx3-ubyte.gz")));
        m.put("testLabels", relative(mnist.resolve("t10k-labels-idx1-ubyte.gz")));
        m.put("validation", 0.1);
        useSample(m, "Use MNIST Sample");
    }

    private void useSpirals() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "synthetic");
        m.put("name", "spirals");
        m.put("size", 1500);
        m.put("noise", 0.1);
        m.put("classes", 3);
        m.put("validation", 0.2);
        useSample(m, "Use Spirals Sample");
    }

    private Path baseDir() {
        Path file = editor.fileProperty().get();
        return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
    }

    /**
     * Returns how the design file names {@code file}: relative to the design's folder when inside it,
     * else absolute.
     */
    private String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (editor.fileProperty().get() == null) {
            // an untitled design has no folder yet: a relative path would break when it is saved
            return abs.toString();
        }
        Path base = baseDir().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }

    // ---- showing --------------------------------------------------------------------------------

    private void show() {
        Map<String, Object> section = editor.design().dataset();
        if (section.equals(shown)) {
            // the seed may have changed, and generated sets depend on it
            schedulePreview();
            return;
        }
        shown = section;
        showing = true;
        try {
            Kind k = Kind.of(section.get("kind"));
            if (k != null) {
                lastByKind.put(k, new LinkedHashMap<>(section));
            }
            kind.setValue(k);
            forms.forEach((fk, form) -> form.setVisible(fk == k));
            forms.forEach((fk, form) -> form.setManaged(fk == k));
            texts.forEach((id, t) -> {
                boolean mine = k != null && forms.get(k).getChildren().stream()
                        .anyMatch(n -> n == t || (n instanceof HBox h && h.getChildren().contains(t)));
                t.setText(mine ? display(section.get(fileKey(id))) : "");
                // a path reads best by its end, the file's name
                t.positionCaret(t.getText().length());
                t.setPromptText(prompt(id));
            });
            texts.forEach((id, t) -> {
                String doc = t.getTooltip().getText();
                int cut = doc.indexOf("\nNow: ");
                doc = cut < 0 ? doc : doc.substring(0, cut);
                t.getTooltip().setText(t.getText().isEmpty() ? doc : doc + "\nNow: " + t.getText());
            });
            idxTestSet.setVisible(k == Kind.IDX && section.get("testImages") != null);
            idxTestSet.setText("Test set (kept from the file): " + section.get("testImages") + " with "
                    + section.get("testLabels"));
            validation.setText(display(section.get("validation")));
            validation.setPromptText("0.2");
            shape.setValue(k == Kind.SYNTHETIC ? String.valueOf(section.getOrDefault("name", "")) : null);
            SyntheticShape s = k == Kind.SYNTHETIC ? shapeOf(section) : null;
            texts.get("classes").setDisable(s != null && s.fixedClasses() > 0);
            label.setValue(k == Kind.CSV && section.get("label") != null ? String.valueOf(section.get("label")) : null);
            task.setValue(k == Kind.CSV ? String.valueOf(section.getOrDefault("task", "classification")) : null);
            Object ch = section.get("channels");
            channels.setValue(k != Kind.IMAGES ? null : ch instanceof Number n && n.intValue() == 3 ? "3 (colour)"
                    : "1 (grey)");
            showFeatures();
            refuse(null, null);
        } finally {
            showing = false;
        }
        schedulePreview();
    }

    private static SyntheticShape shapeOf(Map<String, Object> section) {
        try {
            return SyntheticShape.valueOf(String.valueOf(section.get("name")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String prompt(String id) {
        return switch (id) {
            case "size" -> "1000";
            case "noise" -> "0.1";
            case "classes" -> "3";
            case "limit" -> "all";
            case "size-images" -> "28";
            case "length" -> "20";
            case "vocabulary" -> "16";
            case "size-sequences" -> "2000";
            case "file" -> "data/table.csv";
            case "folder" -> "data/images";
            default -> "";
        };
    }

    /** Fills the feature list from the CSV header (all columns but the label) and the section's choice. */
    private void showFeatures() {
        Map<String, Object> section = editor.design().dataset();
        Object chosenLabel = section.get("label");
        Object chosen = section.get("features");
        List<String> columns = header.stream().filter(c -> !c.equals(chosenLabel)).toList();
        boolean was = showing;
        showing = true;
        try {
            featureChecks.clear();
            for (String c : columns) {
                BooleanProperty p = new SimpleBooleanProperty(!(chosen instanceof List<?> l) || l.contains(c));
                p.addListener((o, a, b) -> commitFeatures());
                featureChecks.put(c, p);
            }
            features.getItems().setAll(columns);
            label.getItems().setAll(header);
            label.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"),
                    !header.isEmpty() && chosenLabel != null && !header.contains(String.valueOf(chosenLabel)));
        } finally {
            showing = was;
        }
    }

    private void commitFeatures() {
        if (showing) {
            return;
        }
        List<String> ticked = featureChecks.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey)
                .toList();
        if (ticked.isEmpty()) {
            refuse("features", "dataset.features: choose at least one feature column");
            return;
        }
        Map<String, Object> next = section();
        if (ticked.size() == featureChecks.size()) {
            next.remove("features");
        } else {
            next.put("features", ticked);
        }
        commit(next, "features", "Set Feature Columns");
    }

    private void showCheck(ReadinessModel.Result r) {
        checkProgress.setVisible(r.state() == ReadinessModel.State.CHECKING);
        checkProgress.setManaged(r.state() == ReadinessModel.State.CHECKING);
        javafx.css.PseudoClass danger = javafx.css.PseudoClass.getPseudoClass("danger");
        javafx.css.PseudoClass success = javafx.css.PseudoClass.getPseudoClass("success");
        checkText.pseudoClassStateChanged(danger, r.state() == ReadinessModel.State.BLOCKED);
        checkText.pseudoClassStateChanged(success, r.state() == ReadinessModel.State.READY);
        checkRow.pseudoClassStateChanged(danger, r.state() == ReadinessModel.State.BLOCKED);
        checkRow.pseudoClassStateChanged(success, r.state() == ReadinessModel.State.READY);
        if (r.state() == ReadinessModel.State.CHECKING && !checkText.getText().isEmpty()) {
            // keep the last verdict while the next one is worked out, so edits do not make it flicker
            return;
        }
        checkText.setText(switch (r.state()) {
            case CHECKING -> "Checking the data against the design…";
            case READY -> "Ready to train. " + r.description();
            case BLOCKED -> "Train is disabled:\n• " + String.join("\n• ", r.problems());
        });
    }

    // ---- previews -------------------------------------------------------------------------------

    /** Returns the points of the 2-D scatter preview, or null when none is shown; for tests. */
    XYSeriesCollection scatter() {
        return preview.scatter();
    }

    /** Returns the message the preview shows instead of data (a loader's error), for tests. */
    String previewMessage() {
        return preview.message();
    }

    private long seed() {
        try {
            return TrainingSettings.fromMap(editor.design().training()).seed();
        } catch (SettingsException e) {
            return TrainingSettings.DEFAULTS.seed();
        }
    }

    private void schedulePreview() {
        preview.show(editor.design().dataset(), baseDir(), seed());
    }

    /** Returns the text field of a dataset key, for tests: {@code file}, {@code size}, {@code size-images}, …. */
    TextField field(String id) {
        return Objects.requireNonNull(texts.get(id), id);
    }
}
