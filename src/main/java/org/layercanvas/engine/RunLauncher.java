package org.layercanvas.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.engine.Readiness.Cause;
import org.layercanvas.engine.Readiness.Problem;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.io.DesignCodec;

/**
 * Prepares every training run, for the command line and the window alike: the settings (the
 * design's training section plus overrides), the data (loaded, checked against the design), the run
 * folder and its name. It also says whether a design can be trained yet, and why not
 * ({@link #readiness}), so the window can keep Train disabled with the reason.
 *
 * <p>One rule names runs: the design's name, else its file's stem, else {@code untitled}. One rule
 * resolves relative data paths: against the design file's folder, or the current directory for a
 * design not saved yet.
 *
 * <p>Thread-safe and free of JavaFX; only a run started from another run's weights loads the native
 * engine, to read them. Call it from a background thread (loading data can take seconds). The data last loaded is kept, keyed by dataset section, base
 * folder and seed, so a readiness check after every edit loads it once, and the run prepared next
 * trains on that same data. Data that failed to load is not kept: the next call tries again. Files
 * changed on disk are not noticed while the section, folder and seed stay the same.
 */
public final class RunLauncher {
    /** What a run of a design with no name and no file is called. */
    public static final String UNTITLED = "untitled";
    private static final int KEPT_DATA_SETS = 2;

    private final Function<Path, Path> runsRoot;
    private final Clock clock;
    private final DesignCodec codec = new DesignCodec();
    private final Map<DataKey, DataSplits> loaded = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DataKey, DataSplits> eldest) {
            return size() > KEPT_DATA_SETS;
        }
    };

    /**
     * What a caller changes for one run without changing the design: training settings (checked by
     * the settings catalog) and dataset keys, as a design file's sections would hold them.
     *
     * @param settings keys of the training section, e.g. {@code epochs -> 5}
     * @param dataset keys of the dataset section, e.g. {@code file -> other.csv}
     */
    public record Overrides(Map<String, Object> settings, Map<String, Object> dataset) {
        /** No overrides: the design as it is. */
        public static final Overrides NONE = new Overrides(Map.of(), Map.of());

        public Overrides {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            dataset = Collections.unmodifiableMap(new LinkedHashMap<>(dataset));
        }
    }

    /** The data a section, folder and seed load; the section is an immutable copy. */
    private record DataKey(Map<String, Object> dataset, Path baseDir, long seed) {
    }

    /** What the checks found: the problems, and whatever could be worked out on the way. */
    private record Checked(List<Problem> problems, TrainingSettings settings, Map<String, Object> dataset,
            Path baseDir, DataSplits data) {
        /** Returns what the data check warns of, once the data loaded. */
        List<String> warnings() {
            return data == null ? List.of() : DataCheck.warnings(data);
        }
    }

    /** Creates a launcher that keeps every run folder under {@code runsRoot}, named by the system clock. */
    public RunLauncher(Path runsRoot) {
        this(fixed(runsRoot), Clock.systemDefaultZone());
    }

    /** Creates a launcher that keeps every run folder under {@code runsRoot}, named by the time {@code clock} tells. */
    public RunLauncher(Path runsRoot, Clock clock) {
        this(fixed(runsRoot), clock);
    }

    /**
     * Creates a launcher that keeps each design's runs where {@code runsRootFor} says for its file
     * ({@code null} for a design not saved yet), named by the time {@code clock} tells.
     */
    public RunLauncher(Function<Path, Path> runsRootFor, Clock clock) {
        this.runsRoot = Objects.requireNonNull(runsRootFor, "runsRootFor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Function<Path, Path> fixed(Path runsRoot) {
        Objects.requireNonNull(runsRoot, "runsRoot");
        return file -> runsRoot;
    }

    /**
     * Returns the rule that keeps a design's runs next to it, in {@code runs/} in its folder, so the
     * window and the command line list the same runs of it; a design not saved yet, or one in a folder
     * that cannot be written (an installed sample), keeps them in {@code fallback}.
     */
    public static Function<Path, Path> nextToDesign(Path fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return file -> {
            Path dir = file == null ? null : file.toAbsolutePath().getParent();
            if (dir == null || !Files.isWritable(dir)) {
                return fallback;
            }
            Path runs = dir.resolve("runs");
            return !Files.exists(runs) || (Files.isDirectory(runs) && Files.isWritable(runs)) ? runs : fallback;
        };
    }

    /** Returns the folder the runs of the design in {@code designFile} (or of an unsaved one, for null) go to. */
    public Path runsRoot(Path designFile) {
        return runsRoot.apply(designFile);
    }

    /**
     * Returns the folder a design's relative data paths are resolved against: its file's folder, or
     * the current directory while it has no file.
     *
     * @param designFile the design's file, or {@code null} for a design not saved yet
     */
    public static Path baseDir(Path designFile) {
        Path dir = designFile == null ? Path.of("") : designFile.toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }

    /**
     * Returns the name a run of this design gets: the design's name, else its file's name without the
     * extension, else {@value #UNTITLED}.
     *
     * @param designFile the design's file, or {@code null} for a design not saved yet
     */
    public static String runName(Design design, Path designFile) {
        if (!design.name().isBlank()) {
            return design.name();
        }
        if (designFile != null && designFile.getFileName() != null) {
            String file = designFile.getFileName().toString();
            int dot = file.lastIndexOf('.');
            String stem = dot > 0 ? file.substring(0, dot) : file;
            if (!stem.isBlank()) {
                return stem;
            }
        }
        return UNTITLED;
    }

    /**
     * Says whether the design can be trained as it is, and every reason it cannot: settings refused,
     * errors in the design, no dataset, data that does not load, data that does not fit the design.
     * Loads the data unless it is the data loaded last; never creates a run folder.
     *
     * @param designFile the design's file, or {@code null} for a design not saved yet
     */
    public Readiness readiness(Design design, Path designFile) {
        return readiness(design, designFile, Overrides.NONE);
    }

    /** Says whether the design can be trained with these overrides, as {@link #readiness(Design, Path)} does. */
    public Readiness readiness(Design design, Path designFile, Overrides overrides) {
        Checked c = check(design, designFile, overrides);
        String description = c.data() == null ? "" : c.data().description();
        return new Readiness(c.problems().isEmpty() ? Readiness.State.READY : Readiness.State.BLOCKED, description,
                c.problems(), c.warnings());
    }

    /**
     * Prepares a fresh run of the design: checks it as {@link #readiness} does (on the data it loaded,
     * if the same), then creates its run folder with the design snapshot (named, with its dataset
     * section and full settings), {@code settings.json} and {@code data.json}.
     *
     * @param designFile the design's file, or {@code null} for a design not saved yet
     * @throws LaunchException with every problem that stops the run; no folder is created then
     * @throws IOException when the run folder cannot be written
     */
    public PreparedRun prepare(Design design, Path designFile) throws LaunchException, IOException {
        return prepare(design, designFile, Overrides.NONE);
    }

    /** Prepares a fresh run of the design with these overrides, as {@link #prepare(Design, Path)} does. */
    public PreparedRun prepare(Design design, Path designFile, Overrides overrides)
            throws LaunchException, IOException {
        return launch(design, designFile, overrides, null);
    }

    /**
     * Prepares a new run of the design that starts from another run's weights instead of fresh ones:
     * checks it as {@link #prepare(Design, Path)} does, reads the other run's weights and matches
     * them with the design's layers by name, as {@link InitialWeights} says, then creates the run
     * folder, with {@value RunFolder#INITIAL} holding the weights the run starts from and
     * {@value RunFolder#RUN} recording where they came from. Unlike the other preparations, this one
     * loads the native engine, to read the weights.
     *
     * @throws LaunchException with every problem that stops the run, among them each parameter whose
     *     shape changed since that run (unless {@link InitFrom#freshWhereChanged()}); no folder is
     *     created then
     * @throws IOException when the run folder cannot be written
     */
    public PreparedRun prepare(Design design, Path designFile, Overrides overrides, InitFrom init)
            throws LaunchException, IOException {
        return launch(design, designFile, overrides, Objects.requireNonNull(init, "init"));
    }

    private PreparedRun launch(Design design, Path designFile, Overrides overrides, InitFrom init)
            throws LaunchException, IOException {
        Checked c = check(design, designFile, overrides);
        if (!c.problems().isEmpty()) {
            throw new LaunchException(c.problems(), c.data() == null ? "" : c.data().description());
        }
        Hardware.check(c.settings());
        String name = runName(design, designFile);
        Design trained = new Design(name, design.graph(), c.dataset(), c.settings().toMap());
        Path root = runsRoot.apply(designFile);
        Map<String, Object> data = RunFolder.describeData(c.data(), c.dataset(), c.baseDir());
        String summary = "Training " + name + " on " + c.data().description();
        if (init == null) {
            RunFolder folder = RunFolder.create(root, name, codec.toBytes(trained), c.settings(), data,
                    LocalDateTime.now(clock));
            return new PreparedRun(trained, TrainingJob.fresh(name, trained.graph(), c.data(), c.settings(), folder),
                    List.of(), summary, c.warnings());
        }
        try (StartingWeights start = StartingWeights.read(init, trained.graph(), c.settings().seed())) {
            InitialWeights taken = start.matched();
            RunFolder folder = RunFolder.create(root, name, codec.toBytes(trained), c.settings(), data,
                    Map.of("initializedFrom", taken.record(init.run().toAbsolutePath().normalize().toString())),
                    LocalDateTime.now(clock));
            start.model().save(folder.initial());
            List<String> warnings = new ArrayList<>(c.warnings());
            warnings.addAll(taken.warnings());
            int fresh = taken.fresh().size() + taken.reinitialized().size();
            return new PreparedRun(trained, new TrainingJob(name, trained.graph(), c.data(), c.settings(), folder, 1,
                    folder.initial()), List.of(), summary + ", from the weights of " + taken.run() + " ("
                            + count(taken.taken().size(), "layer") + " from it" + (fresh == 0 ? ""
                                    : ", " + fresh + " fresh") + ")", warnings, taken);
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /**
     * Prepares to continue a stopped or crashed run in its own folder, from its newest checkpoint, with
     * its own design snapshot and settings and its data reloaded from where it was read.
     *
     * @throws LaunchException when the folder is no run, has no checkpoint, trained every epoch, or its
     *     data no longer loads or fits
     */
    public PreparedRun resume(Path runDir) throws LaunchException {
        return resume(runDir, Map.of());
    }

    /**
     * Prepares to continue a run as {@link #resume(Path)} does, up to epoch {@code epochs} instead of
     * the number it was started with.
     */
    public PreparedRun resume(Path runDir, int epochs) throws LaunchException {
        return resume(runDir, Map.of("epochs", epochs));
    }

    /**
     * Prepares to continue a run as {@link #resume(Path)} does, with some of its settings replaced:
     * {@code epochs} (to train it further) and {@code device} (to go on elsewhere); a resumed run
     * keeps the rest of its settings.
     */
    public PreparedRun resume(Path runDir, Map<String, Object> overrides) throws LaunchException {
        String run = runDir.getFileName() == null ? runDir.toString() : runDir.getFileName().toString();
        RunFolder folder;
        Design design;
        RunFolder.Resumption from;
        TrainingSettings stored;
        Map<String, Object> data;
        List<TrainingEvent> earlier;
        try {
            folder = RunFolder.open(runDir);
            design = folder.design();
            stored = folder.settings();
            data = folder.data();
            earlier = folder.trainingEvents();
            from = folder.resumption().orElse(null);
        } catch (RunFolderException e) {
            throw new LaunchException(Cause.RUN, e.fullMessage());
        } catch (IOException e) {
            throw new LaunchException(Cause.RUN, e.getMessage());
        }
        if (from == null) {
            throw new LaunchException(Cause.RUN, run + " saved no checkpoint to resume from; train the design again");
        }
        TrainingSettings settings;
        try {
            settings = stored.with(overrides);
        } catch (SettingsException e) {
            throw new LaunchException(Cause.SETTINGS, e.getMessage());
        }
        Hardware.check(settings);
        if (from.firstEpoch() > settings.epochs()) {
            int trained = from.firstEpoch() - 1;
            throw new LaunchException(Cause.TRAINED, overrides.containsKey("epochs")
                    ? run + " has trained " + trained + " epochs; to go on, ask for more than " + trained
                            + " epochs (asked for " + settings.epochs() + ")"
                    : run + " has trained all " + trained + " of its epochs; resume it with more epochs to train it"
                            + " further");
        }
        Object base = data.get("baseDir");
        DataSplits splits;
        try {
            splits = load(design.dataset(), Path.of(base == null ? "." : base.toString()), settings.seed());
        } catch (DataException e) {
            throw new LaunchException(List.of(Problem.of(e)), "");
        }
        Analysis analysis = Analysis.of(design.graph());
        if (analysis.hasErrors()) {
            // a snapshot that trained once; only rules added since can find errors in it
            throw new LaunchException(Cause.DESIGN, run + "'s design has errors by this version's rules;"
                    + " open its design.json to see them");
        }
        List<Problem> problems = new ArrayList<>();
        DataCheck.problems(design.graph(), analysis, splits).forEach(p -> problems.add(new Problem(Cause.MISMATCH, p)));
        if (!problems.isEmpty()) {
            throw new LaunchException(problems, splits.description());
        }
        List<String> warnings = new ArrayList<>(DataCheck.warnings(splits));
        if (!from.carried()) {
            warnings.add(folder.dir().relativize(from.weights()) + " holds weights alone (it was written by an"
                    + " earlier version): the optimizer starts afresh, so the losses will not be those of an"
                    + " uninterrupted run");
        }
        String name = runName(design, null);
        return new PreparedRun(design, new TrainingJob(name, design.graph(), splits, settings, folder,
                from.firstEpoch(), from.weights()), earlier, "Resuming " + run + " at " + from.position(), warnings);
    }

    /** Runs every check in order, going on past those that do not stop the next. */
    private Checked check(Design design, Path designFile, Overrides overrides) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> training = new LinkedHashMap<>(design.training());
        training.putAll(overrides.settings());
        TrainingSettings settings = null;
        try {
            settings = TrainingSettings.fromMap(training);
        } catch (SettingsException e) {
            problems.add(new Problem(Cause.SETTINGS, e.getMessage()));
        }
        Analysis analysis = Analysis.of(design.graph());
        long errors = analysis.diagnostics().stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            problems.add(new Problem(Cause.DESIGN, "The design has " + (errors == 1 ? "an error" : errors + " errors")
                    + "; fix " + (errors == 1 ? "it" : "them") + " first"));
        }
        Map<String, Object> dataset = new LinkedHashMap<>(design.dataset());
        dataset.putAll(overrides.dataset());
        Path baseDir = baseDir(designFile);
        if (dataset.isEmpty()) {
            problems.add(new Problem(Cause.NO_DATASET, "No dataset: the design has no dataset section"));
            return new Checked(problems, settings, dataset, baseDir, null);
        }
        DataSplits data;
        try {
            data = load(dataset, baseDir, (settings == null ? TrainingSettings.DEFAULTS : settings).seed());
        } catch (DataException e) {
            problems.add(Problem.of(e));
            return new Checked(problems, settings, dataset, baseDir, null);
        }
        if (errors == 0) {
            DataCheck.problems(design.graph(), analysis, data).forEach(p -> problems.add(new Problem(Cause.MISMATCH, p)));
        }
        return new Checked(problems, settings, dataset, baseDir, data);
    }

    /**
     * Returns the data a section describes, loaded once for each section, folder and seed while it is
     * among the last ones asked for. One load runs at a time, so a caller asking for data another
     * thread is loading waits for it instead of loading it again.
     */
    private DataSplits load(Map<String, Object> dataset, Path baseDir, long seed) throws DataException {
        DataKey key = new DataKey(Collections.unmodifiableMap(new LinkedHashMap<>(dataset)),
                baseDir.toAbsolutePath().normalize(), seed);
        synchronized (loaded) {
            DataSplits data = loaded.get(key);
            if (data == null) {
                try {
                    data = DatasetSpec.parse(key.dataset(), key.baseDir()).load(seed);
                } catch (RuntimeException e) {
                    // a loader's bug must not take the caller's thread down; it is reported as the data's problem
                    throw new DataException(String.valueOf(e.getMessage()), e);
                }
                loaded.put(key, data);
            }
            return data;
        }
    }
}
