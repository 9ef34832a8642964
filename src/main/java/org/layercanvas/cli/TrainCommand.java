package org.layercanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.layercanvas.data.DatasetKey;
import org.layercanvas.data.Examples;
import org.layercanvas.data.TargetKind;
import org.layercanvas.engine.Evaluation;
import org.layercanvas.engine.LaunchException;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.PreparedRun;
import org.layercanvas.engine.Readiness;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunFolderException;
import org.layercanvas.engine.RunLauncher;
import org.layercanvas.engine.Setting;
import org.layercanvas.engine.SettingsCatalog;
import org.layercanvas.engine.SettingsException;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingJob;
import org.layercanvas.engine.TrainingRun;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.Param;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.DesignFormatException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Trains a design on its dataset, showing progress, and keeps the run in a run folder. Runs are
 * prepared by the engine's {@link RunLauncher}, as the window's are; options override the design's
 * training settings through the settings catalog.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train a design on its dataset. Ctrl+C stops after the current batch and leaves a"
                + " run that --resume continues.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:finished", "1:the design, data or settings are unusable, or training failed",
            "2:bad usage", "130:stopped (resumable)"})
public final class TrainCommand implements Callable<Integer> {
    private static final String SETTINGS_SECTION = "trainingSettings";

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

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a training setting, e.g. --set schedule=cosine --set warmupEpochs=2 (every"
                    + " setting is listed below).")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs to train (overrides the design; with --resume,"
            + " trains the run further).")
    private String epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per step (overrides the design).")
    private String batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (overrides the design).")
    private String learningRate;

    @Option(names = "--optimizer", completionCandidates = Optimizers.class,
            description = "${COMPLETION-CANDIDATES} (overrides the design).")
    private String optimizer;

    @Option(names = "--seed", description = "Random seed (overrides the design).")
    private String seed;

    @Option(names = "--runs", description = "Where run folders go (default: runs/ in the design's folder, or"
            + " ~/.layercanvas/runs when that folder cannot be written).")
    private Path runs;

    @Option(names = "--json", description = "Print the training events as JSON lines instead of a progress bar.")
    private boolean json;

    /** The design file as read, kept to list its errors should the launcher refuse it for them. */
    private Design design;

    /** The optimizers the settings catalog offers, for the help text. */
    static final class Optimizers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SettingsCatalog.setting("optimizer").choices().iterator();
        }
    }

    /** Adds to {@code train}'s help a section that lists every training setting from the settings catalog. */
    static void listSettingsInHelp(CommandLine train) {
        train.getHelpSectionMap().put(SETTINGS_SECTION, help -> {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "%nTraining settings (the design's training section; --set KEY=VALUE overrides one):%n"));
            for (Setting s : SettingsCatalog.all()) {
                b.append(String.format(Locale.ROOT, "  %s = %s  [%s]  %s%n", s.key(), Param.format(s.defaultValue()),
                        s.expected(), s.doc()));
            }
            return b.toString();
        });
        List<String> keys = new ArrayList<>(train.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), SETTINGS_SECTION);
        train.setHelpSectionKeys(keys);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        RunLauncher launcher = runs != null ? new RunLauncher(runs) : new RunLauncher(RunLauncher.nextToDesign(
                Path.of(System.getProperty("user.home"), ".layercanvas", "runs")), java.time.Clock.systemDefaultZone());
        PreparedRun prepared;
        try {
            prepared = what.resume != null ? resume(launcher) : fresh(launcher);
        } catch (Refusal r) {
            err.println(r.getMessage());
            err.flush();
            return r.exitCode;
        } catch (LaunchException e) {
            err.println(explain(e));
            err.flush();
            return 1;
        } catch (RunFolderException e) {
            err.println(e.fullMessage());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("Could not create the run folder: " + e.getMessage());
            err.flush();
            return 1;
        }
        prepared.warnings().forEach(w -> err.println("Warning: " + w));
        err.flush();
        return train(prepared);
    }

    /** A message for the person and the exit code to leave with. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        Refusal(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    private PreparedRun fresh(RunLauncher launcher) throws Refusal, LaunchException, IOException {
        try {
            design = new DesignCodec().read(what.design);
        } catch (DesignFormatException e) {
            throw new Refusal(e.getMessage(), 1);
        }
        Map<String, Object> dataset = new LinkedHashMap<>();
        data.forEach((k, v) -> dataset.put(k, value(v)));
        return launcher.prepare(design, what.design, new RunLauncher.Overrides(settingOverrides(), dataset));
    }

    private PreparedRun resume(RunLauncher launcher) throws Refusal, LaunchException {
        Map<String, Object> overrides = settingOverrides();
        if (!data.isEmpty() || overrides.keySet().stream().anyMatch(k -> !k.equals("epochs"))) {
            throw new Refusal("train --resume takes --epochs only: a resumed run keeps its own settings and data", 2);
        }
        return epochs == null ? launcher.resume(what.resume) : launcher.resume(what.resume, (Integer) overrides.get("epochs"));
    }

    /** Returns the settings options as a partial training section, each value read by its catalog entry. */
    private Map<String, Object> settingOverrides() throws Refusal {
        Map<String, String> typed = new LinkedHashMap<>(settings);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("epochs", epochs);
        options.put("batchSize", batchSize);
        options.put("learningRate", learningRate);
        options.put("optimizer", optimizer);
        options.put("seed", seed);
        options.forEach((key, text) -> {
            if (text != null) {
                typed.put(key, text);
            }
        });
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : typed.entrySet()) {
            Optional<Setting> setting = SettingsCatalog.find(e.getKey());
            try {
                // an unknown key goes on as text, and the settings check names it with the known ones
                overrides.put(e.getKey(), setting.isPresent() ? setting.get().parse(e.getValue()) : e.getValue());
            } catch (SettingsException refused) {
                throw new Refusal(refused.getMessage(), 1);
            }
        }
        return overrides;
    }

    /** Reads a command-line value as the number, boolean or list it looks like. */
    private static Object value(String text) {
        try {
            return new ObjectMapper().readValue(text, Object.class);
        } catch (IOException notJson) {
            return text;
        }
    }

    /** Says why a run cannot start, with this command's own hints where the window's differ. */
    private String explain(LaunchException e) {
        List<String> lines = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Readiness.Problem p : e.problems()) {
            switch (p.cause()) {
                case DESIGN -> lines.add(design == null ? p.message() : designErrors());
                case NO_DATASET -> lines.add(what.design + " has no dataset section; add one (see docs/file-format.md)"
                        + " or pass --data kind=csv --data file=... --data label=...");
                case MISMATCH -> mismatches.add(p.message());
                case TRAINED -> lines.add(epochs == null ? p.message() : trainedAlready(p.message()));
                case DATA -> lines.add(p.unset() == null || what.design == null ? p.message() : unset(p));
                default -> lines.add(p.message());
            }
        }
        if (!mismatches.isEmpty()) {
            lines.add("The data (" + e.description() + ") does not fit the design:\n  " + String.join("\n  ", mismatches));
        }
        return String.join("\n", lines);
    }

    /** Says which key of the design file's dataset section is not set, and how to give it. */
    private String unset(Readiness.Problem p) {
        DatasetKey key = p.unset().key();
        return what.design + ": " + p.message() + "; set " + key.name() + " in its dataset section, or pass --data "
                + key.name() + "=" + (key.type().isPath() ? "PATH" : "VALUE");
    }

    /** Says that a run has trained the epochs {@code --epochs} asks for, in this command's words. */
    private String trainedAlready(String launcherMessage) {
        try {
            int trained = RunFolder.open(what.resume).resumption().map(r -> r.firstEpoch() - 1).orElse(-1);
            return trained < 0 ? launcherMessage : what.resume.getFileName() + " has trained " + trained
                    + " epochs; --epochs must be more than " + trained + " to go on (it is " + epochs + ")";
        } catch (IOException e) {
            return launcherMessage;
        }
    }

    private String designErrors() {
        StringBuilder sb = new StringBuilder(what.design + " has errors; fix them before training:");
        Analysis.of(design.graph()).diagnostics().stream().filter(Diagnostic::isError)
                .forEach(d -> sb.append('\n').append(ValidateCommand.line(what.design, design.graph(), d)));
        return sb.toString();
    }

    private int train(PreparedRun prepared) throws InterruptedException {
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
                    test.kind() == TargetKind.POSITION_CLASSES
                            ? String.format(Locale.ROOT, "per-position accuracy %.2f%%", e.accuracy() * 100)
                    : test.kind() == TargetKind.CLASSES
                            ? String.format(Locale.ROOT, "accuracy %.2f%%", e.accuracy() * 100)
                            : String.format(Locale.ROOT, "mean absolute error %.4g", e.meanAbsoluteError()));
        } catch (IOException e) {
            out.println("Could not evaluate the test set: " + e.getMessage());
        }
    }
}
