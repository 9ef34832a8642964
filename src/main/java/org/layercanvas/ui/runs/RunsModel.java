package org.layercanvas.ui.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunHealth;
import org.layercanvas.engine.RunSummary;
import org.layercanvas.ui.common.Background;

/**
 * The run history, without its table: every run folder under the runs folder with its summary,
 * newest first, read off the FX thread. Shows the open design's runs unless all are asked for.
 */
public final class RunsModel {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * One run as the table lists it.
     *
     * @param folder the run folder
     * @param health what its log says and what is wrong with it, found without writing anything
     */
    public record Row(RunFolder folder, RunHealth health) {
        /** Returns what the run's events say, or null when its log cannot be read. */
        public RunSummary summary() {
            return health.summary();
        }

        /**
         * Returns why {@code use} cannot work on this run, naming the run and what is wrong, e.g.
         * {@code Cannot export 20261201-0900-iris: model.params is empty…}; empty when it can.
         */
        public Optional<String> refusal(RunHealth.Use use) {
            return health.stopping(use).map(p -> "Cannot " + use.verb() + " " + name() + ": "
                    + p.message());
        }

        /** Returns the folder's name. */
        public String name() {
            return folder.dir().getFileName().toString();
        }

        /** Returns the design's name as the run recorded it. */
        public String design() {
            return health.design();
        }

        /** Returns when the run started, as its folder's name says, e.g. {@code 2026-12-01 14:03}. */
        public String started() {
            String n = name();
            try {
                return n.length() >= 15 ? LocalDateTime.parse(n.substring(0, 15), STAMP).format(SHOWN) : n;
            } catch (DateTimeParseException e) {
                return n;
            }
        }

        /** Returns whether the run finished, so its final weights are there. */
        public boolean finished() {
            return summary() != null && summary().status().startsWith("finished");
        }
    }

    private Path root = Path.of("runs");
    private final Background background;
    private final Consumer<String> status;
    private final ObservableList<Row> all = FXCollections.observableArrayList();
    private final FilteredList<Row> shown = new FilteredList<>(all);
    private final StringProperty design = new SimpleStringProperty("");
    private final BooleanProperty everyDesign = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private long generation;

    /** Lists runs, reading them on {@code background}; {@link #show} says which. */
    public RunsModel(Background background, Consumer<String> status) {
        this.background = background;
        this.status = status;
        design.addListener((o, a, b) -> filter());
        everyDesign.addListener((o, a, b) -> filter());
    }

    private void filter() {
        String d = design.get();
        shown.setPredicate(r -> everyDesign.get() || d.isEmpty() || r.design().equals(d));
    }

    /** Returns the folder the runs are listed from. */
    public Path root() {
        return root;
    }

    /** Lists the runs in {@code folder}, those of the design named {@code design} first of all. */
    public void show(Path folder, String design) {
        root = Objects.requireNonNull(folder);
        this.design.set(design);
        refresh();
    }

    /** Returns the runs shown, newest first. */
    public ObservableList<Row> shown() {
        return shown;
    }

    /** Returns every run, newest first. */
    public List<Row> all() {
        return List.copyOf(all);
    }

    /** Returns the name of the design whose runs are shown. */
    public StringProperty designProperty() {
        return design;
    }

    /** Returns whether the runs of every design are shown, not only the open one's. */
    public BooleanProperty everyDesignProperty() {
        return everyDesign;
    }

    /** Returns whether the folders are being read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Returns the newest finished run of the open design whose model can be exported, else its newest such run, if any. */
    public Optional<Row> newestOfDesign() {
        List<Row> mine = all.stream().filter(r -> r.design().equals(design.get())
                && r.refusal(RunHealth.Use.MODEL).isEmpty()).toList();
        return mine.stream().filter(Row::finished).findFirst().or(() -> mine.stream().findFirst());
    }

    /** Reads the run folders again off the FX thread; the table fills in when they are read. */
    public void refresh() {
        long mine = ++generation;
        loading.set(true);
        Path folder = root;
        background.run(() -> read(folder), rows -> {
            if (mine == generation) {
                all.setAll(rows);
                loading.set(false);
            }
        }, e -> {
            if (mine == generation) {
                loading.set(false);
                status.accept("Cannot list runs in " + folder + ": " + e.getMessage());
            }
        });
    }

    /** Runs on a background thread: every run folder with what it holds and what is wrong with it, newest first. */
    static List<Row> read(Path root) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (RunFolder f : RunFolder.list(root)) {
            rows.add(0, new Row(f, RunHealth.of(f)));
        }
        return rows;
    }
}
