package org.layercanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.data.Examples;
import org.layercanvas.engine.DataCheck;
import org.layercanvas.engine.Evaluation;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.SettingsException;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingJob;
import org.layercanvas.engine.TrainingRun;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.DesignFormatException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Trains a design on its dataset, showing progress, and keeps the run in a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train a design on its dataset. Ctrl+C stops after the current batch and leaves a"
                + " run that --resume continues.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:finished", "1:the design, data or settings are unusable, or training failed",
            "2:bad usage", "130:stopped (resumable)"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private What what;

    /** Either a design to train or a run to resume. */
    static final class What {
        @Parameters(paramLabel = "DESIGN", description = "The design file to train.")
        Path design;

        @Option(names = "--resume", paramLabel = "RUN", description = "Continue a stopped or crashed run from its last checkpoint.")
        Path resume;
    }

    @Option(names = "--data", paramLabel = "KEY=VALUE",
            description = "Override a key of the design's dataset section, e.g. --data file=other.csv --data validation=0.1.")
    private Map<String, String> data = new LinkedHashMap<>();

    @Option(names = "--epochs", description = "Epochs to train (overrides the design).")
    private Integer epochs;

    @Option(names = "--batch-size", description = "Samples per step (overrides the design).")
    private Integer batchSize;

    @Option(names = "--lr", description = "Learning rate (overrides the design).")
    private Double learningRate;

    @Option(names = "--optimizer", description = "sgd, adam or adamw (overrides the design).")
    private String optimizer;

    @Option(names = "--seed", description = "Random seed (overrides the design).")
    private Long seed;

    @Option(names = "--runs", defaultValue = "runs", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    private Path runs;

    @Option(names = "--json", description = "Print the training events as JSON lines instead of a progress bar.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Prepared prepared;
        try {
            prepared = what.resume != null ? resume() : fresh();
        } catch (Refusal r) {
            err.println(r.getMessage());
            err.flush();
            return 1;
        }
        return train(prepared);
    }

    /** A message for the person and exit code 1. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    private record Prepared(Design design, TrainingJob job) {
    }

    private Prepared fresh() throws Refusal, IOException {
        Path file = what.design;
        Design design;
        try {
            design = new DesignCodec().read(file);
        } catch (DesignFormatException e) {
            throw new Refusal(e.getMessage());
        }
        checkDesign(file.toString(), design);
        TrainingSettings settings = settings(design.training());
        Path baseDir = file.toAbsolutePath().getParent();
        Map<String, Object> section = dataSection(design.dataset(), file.toString());
        DataSplits splits = load(section, baseDir, settings.seed());
        checkFit(design, splits);
        Map<String, Object> dataJson = RunFolder.describeData(splits, section, baseDir);
        Design trained = new Design(design.name().isEmpty() ? stem(file) : design.name(), design.graph(), section,
                settings.toMap());
        RunFolder folder = RunFolder.create(runs, trained.name(), new DesignCodec().toBytes(trained), settings,
                dataJson, LocalDateTime.now());
        return new Prepared(trained, TrainingJob.fresh(trained.name(), trained.graph(), splits, settings, folder));
    }

    private Prepared resume() throws Refusal, IOException {
        RunFolder folder;
        Design design;
        try {
            folder = RunFolder.open(what.resume);
            design = new DesignCodec().parse(folder.designJson(), folder.dir().resolve(RunFolder.DESIGN).toString());
        } catch (IOException e) {
            throw new Refusal(e.getMessage());
        }
        RunFolder.Resumption from = folder.resumption().orElseThrow(() -> new Refusal(what.resume
                + " has no checkpoint to resume from; train it again instead"));
        TrainingSettings settings;
        try {
            settings = epochs == null ? folder.settings() : folder.settings().with(Map.of("epochs", epochs));
        } catch (SettingsException e) {
            throw new Refusal(e.getMessage());
        }
        if (from.firstEpoch() > settings.epochs()) {
            throw new Refusal(what.resume + " already trained all " + settings.epochs()
                    + " epochs; pass --epochs N to train it further");
        }
        Object base = folder.data().get("baseDir");
        Map<String, Object> section = new LinkedHashMap<>(design.dataset());
        DataSplits splits = load(section, Path.of(base == null ? "." : base.toString()), settings.seed());
        checkFit(design, splits);
        return new Prepared(design, new TrainingJob(design.name(), design.graph(), splits, settings, folder,
                from.firstEpoch(), from.weights()));
    }

    private static void checkDesign(String file, Design design) throws Refusal {
        List<Diagnostic> errors = Analysis.of(design.graph()).diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder(file + " has errors; fix them before training:");
            errors.forEach(d -> sb.append('\n').append(ValidateCommand.line(Path.of(file), design.graph(), d)));
            throw new Refusal(sb.toString());
        }
    }

    private TrainingSettings settings(Map<String, Object> section) throws Refusal {
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (epochs != null) {
            overrides.put("epochs", epochs);
        }
        if (batchSize != null) {
            overrides.put("batchSize", batchSize);
        }
        if (learningRate != null) {
            overrides.put("learningRate", learningRate);
        }
        if (optimizer != null) {
            overrides.put("optimizer", optimizer);
        }
        if (seed != null) {
            overrides.put("seed", seed);
        }
        try {
            return TrainingSettings.fromMap(section).with(overrides);
        } catch (SettingsException e) {
            throw new Refusal(e.getMessage());
        }
    }

    private Map<String, Object> dataSection(Map<String, Object> fromDesign, String file) throws Refusal {
        Map<String, Object> section = new LinkedHashMap<>(fromDesign);
        data.forEach((k, v) -> section.put(k, value(v)));
        if (section.isEmpty()) {
            throw new Refusal(file + " has no dataset section; add one (see docs/file-format.md) or pass"
                    + " --data kind=csv --data file=... --data label=...");
        }
        return section;
    }

    /** Reads a command-line value as the number, boolean or list it looks like. */
    private static Object value(String text) {
        try {
            return new ObjectMapper().readValue(text, Object.class);
        } catch (IOException notJson) {
            return text;
        }
    }

    private static DataSplits load(Map<String, Object> section, Path baseDir, long seed) throws Refusal {
        try {
            return DatasetSpec.parse(section, baseDir).load(seed);
        } catch (DataException e) {
            throw new Refusal(e.getMessage());
        }
    }

    private static void checkFit(Design design, DataSplits splits) throws Refusal {
        List<String> problems = DataCheck.problems(design.graph(), Analysis.of(design.graph()), splits,
                splits.description());
        if (!problems.isEmpty()) {
            throw new Refusal("The data does not fit the design:\n  " + String.join("\n  ", problems));
        }
    }

    private int train(Prepared prepared) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        TrainingJob job = prepared.job();
        ProgressView view = new ProgressView(out, json, System.console() != null);
        TrainingRun run = new TrainingService(new LayerBlockFactory()).start(job, view::show);
        Thread onCtrlC = new Thread(() -> {
            run.stop();
            try {
                run.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-training");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        TrainingEvent last = run.await();
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl+C: the hook is already running and waits for this run; nothing to undo
        }
        if (!json) {
            view.summary(job.folder().dir(), last);
            if (last instanceof TrainingEvent.Finished && job.data().test() != null) {
                reportTestSet(out, job);
            }
        }
        out.flush();
        if (last instanceof TrainingEvent.Finished) {
            return 0;
        }
        return last instanceof TrainingEvent.Stopped ? 130 : 1;
    }

    private static void reportTestSet(PrintWriter out, TrainingJob job) {
        Examples test = job.data().test();
        try (TrainedModel model = TrainedModel.load(job.graph(), job.folder().model())) {
            Evaluation e = Evaluation.of(model, test);
            out.printf(Locale.ROOT, "Test set (%,d held-out samples): %s%n", test.size(),
                    test.kind() == org.layercanvas.data.TargetKind.CLASSES
                            ? String.format(Locale.ROOT, "accuracy %.2f%%", e.accuracy() * 100)
                            : String.format(Locale.ROOT, "mean absolute error %.4g", e.meanAbsoluteError()));
        } catch (IOException e) {
            out.println("Could not evaluate the test set: " + e.getMessage());
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
