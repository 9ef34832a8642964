package org.layercanvas.ui.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layercanvas.data.ChosenData;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DatasetCatalog;
import org.layercanvas.data.DatasetKey;
import org.layercanvas.data.DatasetKind;
import org.layercanvas.data.DatasetPaths;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.data.SyntheticShape;
import org.layercanvas.edit.SetSectionCommand;
import org.layercanvas.graph.Param;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.DesignEditor;

/**
 * The Data panel without its controls: every change to the design's dataset section, as one
 * undoable edit each, checked against the {@link DatasetCatalog} first. A value the loader would
 * refuse is not committed and the refusal names the key; a section that is merely incomplete (a file
 * still to be chosen) is committed, and the readiness check says what is missing. Choosing a file
 * fills its form: a CSV file's columns are read at once and its label and features preselected; an
 * IDX images file brings its labels file; an image folder its classes.
 */
public final class DataModel {

    /**
     * Why the last value was not taken.
     *
     * @param key the dataset key it was for, or null when it was for the section as a whole
     * @param message the reason, naming the key: {@code dataset.noise: expected …}
     */
    public record Refusal(String key, String message) {
    }

    /** The sample datasets shipped with LayerCanvas, one click away. */
    public enum Sample {
        /** Iris: 150 flowers, 4 measurements, 3 species. */
        IRIS,
        /** MNIST: 8,000 digits to train on and 2,000 to test. */
        MNIST,
        /** Three interleaved spirals in 2-D. */
        SPIRALS
    }

    private final DesignEditor editor;
    private final Path samplesDir;
    private final Consumer<String> status;
    private final Executor reader;
    private final ReadOnlyObjectWrapper<Refusal> refusal = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<String> classes = FXCollections.observableArrayList();
    private final Map<String, Map<String, Object>> lastByKind = new LinkedHashMap<>();
    private long reading;
    private List<Object> readFor = List.of();

    /** Edits the dataset section of the design of {@code editor}; files are read on {@code background}. */
    public DataModel(DesignEditor editor, Background background, Path samplesDir, Consumer<String> status) {
        this.editor = editor;
        this.samplesDir = samplesDir.toAbsolutePath().normalize();
        this.status = status;
        this.reader = background.lane();
        editor.onChange(c -> {
            if (c.reopened()) {
                lastByKind.clear();
                refuse(null);
            }
            remember();
            if (c.reopened() || !c.before().dataset().equals(c.after().dataset())) {
                readColumns();
            }
        });
        remember();
        readColumns();
    }

    /** Returns why the last value was not taken, or null when it was. */
    public ReadOnlyObjectProperty<Refusal> refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** Returns the CSV file's column names, read when it is chosen; empty for other kinds or an unreadable file. */
    public ObservableList<String> columns() {
        return columns;
    }

    /** Returns the image folder's classes, read when it is chosen; empty for other kinds. */
    public ObservableList<String> classes() {
        return classes;
    }

    /** Returns the dataset section. */
    public Map<String, Object> section() {
        return editor.design().dataset();
    }

    /** Returns the kind of the section, if it names a known one. */
    public Optional<DatasetKind> kind() {
        return DatasetCatalog.kind(String.valueOf(section().get(DatasetCatalog.KIND.name())));
    }

    /** Returns the folder the section's relative paths are resolved against. */
    public Path baseDir() {
        return editor.baseDir();
    }

    private void remember() {
        kind().ifPresent(k -> lastByKind.put(k.name(), new LinkedHashMap<>(section())));
    }

    // ---- changes --------------------------------------------------------------------------------

    /**
     * Sets a key from what a person typed: empty text removes the key (it takes its default), other
     * text is read as the key's type says. Returns whether it was taken.
     */
    public boolean type(DatasetKey key, String text) {
        String typed = text.strip();
        Map<String, Object> next = new LinkedHashMap<>(section());
        if (typed.isEmpty()) {
            if (!next.containsKey(key.name())) {
                return true;
            }
            next.remove(key.name());
            return commit(next, key.name(), "Set " + key.label());
        }
        Object value;
        try {
            value = parse(key, typed);
        } catch (IllegalArgumentException e) {
            return refuse(new Refusal(key.name(), "dataset." + key.name() + ": expected " + key.expected() + "; got \""
                    + typed + "\""));
        }
        if (value.equals(section().get(key.name()))) {
            refuse(null);
            return true;
        }
        next.put(key.name(), value);
        return commit(next, key.name(), "Set " + key.label());
    }

    /** Reads typed text as a value of the key's type, as the design file would hold it. */
    static Object parse(DatasetKey key, String text) {
        return switch (key.type()) {
            case NUMBER -> Double.parseDouble(text);
            case WHOLE -> Integer.parseInt(text);
            case SIZE -> {
                List<Integer> dims = Param.parseDims(text);
                if (dims.size() > 2) {
                    throw new IllegalArgumentException("two sizes at most");
                }
                yield dims.size() == 1 ? (Object) dims.get(0) : dims;
            }
            case FILE, FOLDER -> {
                // a name the file system cannot hold is refused now, not when training
                Path.of(text);
                yield text;
            }
            default -> text;
        };
    }

    /** Sets a key to a value picked from a list (a choice, a column, the feature columns). Returns whether it was taken. */
    public boolean set(DatasetKey key, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(section());
        if (value == null) {
            next.remove(key.name());
        } else {
            next.put(key.name(), value);
        }
        SyntheticShape shape = "synthetic".equals(next.get("kind")) && key.name().equals("name")
                ? SyntheticShape.find(String.valueOf(value)) : null;
        if (shape != null && shape.fixedClasses() > 0) {
            // moons, circles and xor always have their own number of classes
            next.remove("classes");
        }
        if (key.name().equals("label") && next.get("features") instanceof List<?> features
                && features.contains(value)) {
            // the label is never also a feature
            List<Object> rest = new java.util.ArrayList<>(features);
            rest.remove(value);
            if (rest.isEmpty()) {
                next.remove("features");
            } else {
                next.put("features", rest);
            }
        }
        return commit(next, key.name(), "Set " + key.label());
    }

    /**
     * Uses a file or folder a person chose for a path key: stored relative to the design's folder,
     * and the rest of the form filled from it, in one undoable edit once it is read.
     */
    public void choose(DatasetKey key, Path chosen) {
        Map<String, Object> next = new LinkedHashMap<>(section());
        next.put(key.name(), DatasetPaths.relative(chosen, baseDir()));
        Path base = baseDir();
        String kindName = String.valueOf(next.get(DatasetCatalog.KIND.name()));
        long mine = ++reading;
        reader.execute(() -> {
            Filled filled = fill(kindName, key, chosen, next, base);
            Platform.runLater(() -> {
                if (mine != reading) {
                    return;
                }
                if (filled.columns() != null) {
                    // the columns read with the file are offered with the label it preselects, not after it
                    readFor = List.of(kindName, next.get(key.name()), base);
                    columns.setAll(filled.columns());
                    classes.clear();
                }
                if (!commit(next, key.name(), "Choose " + key.label())) {
                    readFor = List.of();
                    readColumns();
                } else if (!filled.note().isEmpty()) {
                    status.accept(filled.note());
                }
            });
        });
    }

    /** What reading a chosen file found: a note for the status bar and, for a CSV file, its columns. */
    private record Filled(String note, List<String> columns) {
        Filled(String note) {
            this(note, null);
        }
    }

    /** Runs off the FX thread: completes the section from the file just chosen; returns what it found. */
    private static Filled fill(String kind, DatasetKey key, Path chosen, Map<String, Object> next, Path base) {
        try {
            if (kind.equals("csv") && key.name().equals("file")) {
                ChosenData.Csv csv = ChosenData.csv(chosen);
                if (!csv.columns().contains(String.valueOf(next.get("label")))) {
                    csv.label().ifPresentOrElse(l -> next.put("label", l), () -> next.remove("label"));
                }
                Object label = next.get("label");
                List<String> numeric = csv.numeric().stream().filter(c -> !c.equals(label)).toList();
                List<String> others = csv.columns().stream().filter(c -> !c.equals(label)).toList();
                if (numeric.equals(others)) {
                    next.remove("features");
                } else {
                    next.put("features", numeric);
                }
                return new Filled(chosen.getFileName() + ": " + csv.columns().size() + " columns" + (label == null
                        ? "; choose the label column" : ", label " + label), csv.columns());
            }
            if (kind.equals("idx") && key.name().equals("images")) {
                ChosenData.idxLabels(chosen).ifPresent(l -> next.put("labels", DatasetPaths.relative(l, base)));
                ChosenData.idxTestPair(chosen).ifPresent(p -> {
                    next.put("testImages", DatasetPaths.relative(p[0], base));
                    next.put("testLabels", DatasetPaths.relative(p[1], base));
                });
                return new Filled(next.containsKey("labels") ? "Found the labels: " + next.get("labels") : "");
            }
            if (kind.equals("images") && key.name().equals("folder")) {
                List<String> found = ChosenData.imageClasses(chosen);
                return new Filled(chosen.getFileName() + ": " + found.size() + " classes (" + String.join(", ", found)
                        + ")");
            }
        } catch (DataException e) {
            return new Filled(e.getMessage());
        }
        return new Filled("");
    }

    /** Switches to another kind of dataset, bringing back what it held when it was last used. */
    public void switchKind(DatasetKind kind) {
        if (kind().map(k -> k.equals(kind)).orElse(false)) {
            return;
        }
        Map<String, Object> next = new LinkedHashMap<>();
        next.put(DatasetCatalog.KIND.name(), kind.name());
        next.putAll(lastByKind.getOrDefault(kind.name(), Map.of()));
        if (kind.name().equals("synthetic")) {
            next.putIfAbsent("name", "spirals");
        }
        Object validation = section().get(DatasetCatalog.VALIDATION.name());
        if (validation != null) {
            next.putIfAbsent(DatasetCatalog.VALIDATION.name(), validation);
        }
        commit(next, null, "Use " + kind.label());
    }

    /** Trains on a shipped sample: the whole section replaced, paths relative to the design's folder. */
    public void use(Sample sample) {
        Map<String, Object> m = new LinkedHashMap<>();
        Path base = baseDir();
        switch (sample) {
            case IRIS -> {
                m.put("kind", "csv");
                m.put("file", DatasetPaths.relative(samplesDir.resolve("iris.csv"), base));
                m.put("label", "species");
                m.put("task", "classification");
                m.put("validation", 0.2);
            }
            case MNIST -> {
                Path mnist = samplesDir.resolve("mnist");
                m.put("kind", "idx");
                m.put("images", DatasetPaths.relative(mnist.resolve("train-images-idx3-ubyte.gz"), base));
                m.put("labels", DatasetPaths.relative(mnist.resolve("train-labels-idx1-ubyte.gz"), base));
                m.put("testImages", DatasetPaths.relative(mnist.resolve("t10k-images-idx3-ubyte.gz"), base));
                m.put("testLabels", DatasetPaths.relative(mnist.resolve("t10k-labels-idx1-ubyte.gz"), base));
                m.put("validation", 0.1);
            }
            case SPIRALS -> {
                m.put("kind", "synthetic");
                m.put("name", "spirals");
                m.put("size", 1500);
                m.put("noise", 0.1);
                m.put("classes", 3);
                m.put("validation", 0.2);
            }
            default -> throw new IllegalStateException(sample.name());
        }
        refuse(null);
        String name = sample.name().charAt(0) + sample.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        editor.execute(new SetSectionCommand(SetSectionCommand.Section.DATASET, m,
                "Use " + (sample == Sample.MNIST ? "MNIST" : name) + " Sample")).ifPresent(r -> refuse(new Refusal(null, r)));
    }

    /**
     * Commits a new section unless the loader refuses the value of {@code key} itself. Every required
     * key still to be chosen is filled in for the check only, so one value is checked on its own
     * (the loader reads keys in order and stops at the first missing one).
     */
    private boolean commit(Map<String, Object> next, String key, String description) {
        Map<String, Object> probe = new LinkedHashMap<>(next);
        DatasetCatalog.kind(String.valueOf(next.get(DatasetCatalog.KIND.name()))).ifPresent(k -> {
            for (String required : k.required()) {
                probe.putIfAbsent(required, k.key(required).map(DatasetKey::choices).filter(c -> !c.isEmpty())
                        .map(c -> (Object) c.get(0)).orElse("placeholder"));
            }
        });
        try {
            DatasetSpec.parse(probe, baseDir());
        } catch (DataException e) {
            if (key != null && e.getMessage().startsWith("dataset." + key + ":")) {
                return refuse(new Refusal(key, e.getMessage()));
            }
        }
        refuse(null);
        Optional<String> failed = editor.execute(new SetSectionCommand(SetSectionCommand.Section.DATASET, next,
                description));
        failed.ifPresent(r -> refuse(new Refusal(null, r)));
        return failed.isEmpty();
    }

    /** Shows why a value was refused (null clears it); returns false, so a caller can return it. */
    private boolean refuse(Refusal r) {
        refusal.set(r);
        if (r != null) {
            status.accept("Refused: " + r.message());
        }
        return false;
    }

    /** Reads the CSV file's columns or the image folder's classes off the FX thread. */
    private void readColumns() {
        Map<String, Object> s = section();
        String kind = String.valueOf(s.get(DatasetCatalog.KIND.name()));
        Path base = baseDir();
        Object file = s.get(kind.equals("csv") ? "file" : "folder");
        if (!(kind.equals("csv") || kind.equals("images")) || !(file instanceof String path)) {
            readFor = List.of();
            columns.clear();
            classes.clear();
            return;
        }
        List<Object> what = List.of(kind, path, base);
        if (what.equals(readFor)) {
            return;
        }
        readFor = what;
        reader.execute(() -> {
            List<String> found;
            try {
                found = kind.equals("csv") ? ChosenData.csv(base.resolve(path)).columns()
                        : ChosenData.imageClasses(base.resolve(path));
            } catch (DataException | RuntimeException e) {
                found = List.of();
            }
            List<String> read = found;
            Platform.runLater(() -> {
                if (section() == s || section().equals(s)) {
                    (kind.equals("csv") ? columns : classes).setAll(read);
                    (kind.equals("csv") ? classes : columns).clear();
                }
            });
        });
    }
}
