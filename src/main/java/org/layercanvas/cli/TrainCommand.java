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
import org.layercanvas.engine.InitFrom;
import org.layercanvas.engine.InitialWeights;
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
    /** The settings a resumed run takes from the command line; it keeps the rest of its own. */
    private static final java.util.Set<String> RESUME_OVERRIDES = java.util.Set.of("epochs", "device");

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

    @Option(names = "--device", completionCandidates = Devices.class,
            description = "${COMPLETION-CANDIDATES}: where to train (overrides the design; auto takes a GPU when"
                    + " the PyTorch library can use one).")
    private String device;

    @Option(names = "--init", paramLabel = "RUN", description = "Start from the weights of RUN (an imported model's"
            + " run, or an earlier one) instead of fresh ones: layers are matched by name; a layer RUN does not have"
            + " starts fresh; a layer whose weights have another shape stops the run, named (see --init-changed).")
    private Path init;

    /** What a layer whose weights changed shape since the run {@code --init} names does. */
    enum Changed {
        /** It stops the run, naming the layer, the parameter and both shapes. */
        refuse,
        /** It starts fresh, with a warning naming it. */
        fresh
    }

    @Option(names = "--init-changed", paramLabel = "WHAT", description = "With --init, what a layer whose weights"
            + " have another shape in the design than in RUN does: ${COMPLETION-CANDIDATES} (default: refuse).")
    private Changed initChanged;

    @Option(names = "--runs", description = "Where run folders go (default: runs/ in the design's folder, or"
            + " ~/.layercanvas/runs when that folder cannot be written).")
    private Path runs;

    @Option(names = "--json", description = "Print the training events as JSON lines instead of a progress bar.")
    private boolean json;

    /** The design file as read, kept to list its errors should the launcher refuse it for them. */
    private Design design;

    /** A choice setting's values from the settings catalog, for the help text. */
    private abstract static class Choices implements Iterable<String> {
        private final String key;

        Choices(String key) {
            this.key = key;
        }

        @Override
        public Iterator<String> iterator() {
            return SettingsCatalog.setting(key).choices().iterator();
        }
    }

    /** The optimizers, for {@code --optimizer}'s help. */
    static final class Optimizers extends Choices {
        Optimizers() {
            super("optimizer");
        }
    }

    /** The devices, for {@code --device}'s help. */
    static final class Devices extends Choices {
        Devices() {
            super("device");
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
        if (prepared.initialWeights() != null) {
            describe(err, prepared.initialWeights());
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
        if (init == null && initChanged != null) {
            throw new Refusal("--init-changed says what --init does with changed layers; give --init RUN too", 2);
        }
        try {
            design = new DesignCodec().read(what.design);
        } catch (DesignFormatException e) {
            throw new Refusal(e.getMessage(), 1);
        }
        Map<String, Object> dataset = new LinkedHashMap<>();
        data.forEach((k, v) -> dataset.put(k, value(v)));
        RunLauncher.Overrides overrides = new RunLauncher.Overrides(settingOverrides(), dataset);
        return init == null ? launcher.prepare(design, what.design, overrides)
                : launcher.prepare(design, what.design, overrides, new InitFrom(init, initChanged == Changed.fresh));
    }

    /** Says which layers start from the weights of the run {@code --init} names, and which start fresh. */
    private static void describe(PrintWriter err, InitialWeights w) {
        err.println("Starting from the weights of " + w.run() + " (" + w.weights() + "): " + w.taken().size()
                + (w.taken().size() == 1 ? " layer: " : " layers: ") + String.join(", ", w.taken()));
        if (!w.fresh().isEmpty()) {
            err.println("Not in " + w.run() + ", starting fresh: " + String.join(", ", w.fresh()));
        }
        if (!w.unused().isEmpty()) {
            err.println("In " + w.run() + " but not in the design, left out: " + String.join(", ", w.unused()));
        }
    }

    private PreparedRun resume(RunLauncher launcher) throws Refusal, LaunchException {
        Map<String, Object> overrides = settingOverrides();
        if (init != null || initChanged != null) {
            throw new Refusal("train --resume goes on with the run's own weights; --init starts a new run of a design"
                    + " from another run's", 2);
        }
        if (!data.isEmpty() || overrides.keySet().stream().anyMatch(k -> !RESUME_OVERRIDES.contains(k))) {
            throw new Refusal("train --resume takes --epochs and --device only: a resumed run keeps its own settings"
                    + " and data", 2);
        }
        return launcher.resume(what.resume, overrides);
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
        options.put("device", device);
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
        List<String> changed = new ArrayList<>();
        for (Readiness.Problem p : e.problems()) {
            switch (p.cause()) {
                case CHANGED -> changed.add(p.message());
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
        if (!changed.isEmpty()) {
            lines.add("The weights of " + init.getFileName() + " do not fit layers changed since:\n  "
                    + String.join("\n  ", changed) + "\nGive these layers their shapes in " + init.getFileName()
                    + " again, or start them fresh with --init-changed fresh.");
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
            if (test.kind() == TargetKind.POSITION_CLASSES) {
                out.println("Test set (held out): " + e.accuracyText(test));
                return;
            }
            out.printf(Locale.ROOT, "Test set (%,d held-out samples): %s%n", test.size(),
                    test.kind() == TargetKind.CLASSES
                            ? String.format(Locale.ROOT, "accuracy %.2f%%", e.accuracy() * 100)
                            : String.format(Locale.ROOT, "mean absolute error %.4g", e.meanAbsoluteError()));
        } catch (IOException e) {
            out.println("Could not evaluate the test set: " + e.getMessage());
        }
    }
}
