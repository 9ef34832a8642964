package org.layercanvas.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What looking at a run folder finds, without changing anything in it: what its log says, and each
 * thing wrong with it with what that stops (a log that cannot be read, a design snapshot that is gone,
 * broken or changed since training, a broken {@value RunFolder#RUN}, weights that are missing or
 * unreadable, a run another program is training right now). The {@code runs} command and the
 * window's Runs tab mark runs by it, and the window refuses what it says cannot work.
 *
 * @param summary what the run's events say, or null when its log cannot be read
 * @param design the design's name as the run's events say it, else as its design snapshot does, else {@code ?}
 * @param problems what is wrong, in the order checked; empty for a sound run
 */
public record RunHealth(RunSummary summary, String design, List<Problem> problems) {

    /** What a person does with a run, each needing other parts of its folder. */
    public enum Use {
        /** Redraw or compare its charts: needs its log. */
        CHARTS("show the charts of"),
        /** Export it, evaluate it or predict with it: needs its design as trained, its weights and data.json. */
        MODEL("export"),
        /** Start another run from its weights: needs its design as trained and its weights. */
        WEIGHTS("train from the weights of"),
        /** Train it on in its own folder: needs its log, design, settings, a checkpoint and no other writer. */
        RESUME("resume");

        private final String verb;

        Use(String verb) {
            this.verb = verb;
        }

        /** Returns the use as a person says it before the run's name: {@code export}, {@code show the charts of}. */
        public String verb() {
            return verb;
        }
    }

    /**
     * One thing wrong with a run folder.
     *
     * @param message what file, and what is wrong with it; file names are relative to the run folder
     * @param stops what it keeps from working; empty for something only worth knowing (a torn line set
     *     aside, a run of a version that kept no design digest)
     */
    public record Problem(String message, Set<Use> stops) {
        public Problem {
            Objects.requireNonNull(message, "message");
            stops = stops.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(stops));
        }
    }

    public RunHealth {
        Objects.requireNonNull(design, "design");
        problems = List.copyOf(problems);
    }

    /** Looks at a run folder, reading its files and writing none. */
    public static RunHealth of(RunFolder run) {
        Path dir = run.dir();
        List<Problem> problems = new ArrayList<>();
        RunSummary summary = null;
        try {
            summary = run.summary();
        } catch (IOException | RuntimeException e) {
            problems.add(problem(dir, e, EnumSet.of(Use.CHARTS, Use.RESUME)));
        }
        if (Files.exists(dir.resolve(RunFolder.METRICS + ".torn"))) {
            problems.add(new Problem(RunFolder.METRICS + " had a line cut off by a killed process; it is set aside"
                    + " in " + RunFolder.METRICS + ".torn and left out of the charts.", Set.of()));
        }
        String name = summary == null ? "?" : summary.design();
        boolean design = true;
        try {
            String snapshot = run.design().name();
            name = name.equals("?") && !snapshot.isEmpty() ? snapshot : name;
        } catch (IOException | RuntimeException e) {
            design = false;
            problems.add(problem(dir, e, EnumSet.of(Use.MODEL, Use.WEIGHTS, Use.RESUME)));
        }
        if (design && !Files.exists(dir.resolve(RunFolder.RUN))) {
            problems.add(new Problem(RunFolder.RUN + " is missing, so " + RunFolder.DESIGN + " cannot be checked"
                    + " against the design the run trained.", Set.of()));
        }
        try {
            run.settings();
        } catch (IOException | RuntimeException e) {
            problems.add(problem(dir, e, EnumSet.of(Use.RESUME)));
        }
        try {
            run.data();
        } catch (IOException | RuntimeException e) {
            problems.add(problem(dir, e, EnumSet.of(Use.MODEL)));
        }
        weights(run, summary, problems);
        if (summary != null && summary.status().equals("running or crashed")) {
            writer(run, problems);
        }
        return new RunHealth(summary, name, problems);
    }

    /** Checks the weights an export would take: the final ones, else the newest epoch's checkpoint. */
    private static void weights(RunFolder run, RunSummary summary, List<Problem> problems) {
        Path dir = run.dir();
        try {
            Path weights = run.model();
            Optional<Integer> epoch = run.lastCheckpointEpoch();
            boolean finished = summary != null && summary.status().startsWith("finished");
            if (!Files.exists(weights)) {
                if (epoch.isEmpty()) {
                    boolean stopped = Files.exists(run.stopCheckpoint());
                    problems.add(new Problem("no weights to export: the run saved neither " + RunFolder.MODEL
                            + " nor an epoch's checkpoint.", stopped ? EnumSet.of(Use.MODEL, Use.WEIGHTS)
                            : EnumSet.of(Use.MODEL, Use.WEIGHTS, Use.RESUME)));
                    if (stopped && !finished) {
                        run.resumption();
                    }
                    return;
                }
                weights = run.checkpoint(epoch.get());
                if (finished) {
                    problems.add(new Problem(RunFolder.MODEL + " is missing: the run finished, but its final weights"
                            + " are gone; exports take " + relative(dir, weights) + " instead.", Set.of()));
                }
            }
            String name = relative(dir, weights);
            if (!Files.isRegularFile(weights)) {
                problems.add(new Problem(name + " is not a plain file.", EnumSet.of(Use.MODEL, Use.WEIGHTS)));
            } else if (!Files.isReadable(weights)) {
                problems.add(new Problem(name + " cannot be read: permission denied.", EnumSet.of(Use.MODEL, Use.WEIGHTS)));
            } else if (Files.size(weights) == 0) {
                problems.add(new Problem(name + " is empty: the weights were never written.", EnumSet.of(Use.MODEL, Use.WEIGHTS)));
            } else {
                WeightsFile.peek(weights);
            }
            if (!finished) {
                run.resumption();
            }
        } catch (IOException | RuntimeException e) {
            problems.add(problem(dir, e, EnumSet.of(Use.MODEL, Use.WEIGHTS, Use.RESUME)));
        }
    }

    /** Says whether a run without a final event is being trained right now, by this program or another. */
    private static void writer(RunFolder run, List<Problem> problems) {
        try {
            RunFileWriter.Writer writer = RunFileWriter.writerOf(run.dir().resolve(RunFolder.METRICS));
            if (writer != RunFileWriter.Writer.NONE) {
                problems.add(new Problem("it is being trained right now, by " + (writer == RunFileWriter.Writer
                        .THIS_PROGRAM ? "this program" : "another program") + " (it holds " + RunFolder.METRICS
                        + "); wait for that run to end, or stop it.", EnumSet.of(Use.RESUME)));
            }
        } catch (IOException e) {
            problems.add(problem(run.dir(), e, EnumSet.of(Use.RESUME)));
        }
    }

    private static Problem problem(Path dir, Exception e, Set<Use> stops) {
        String text = e instanceof RunFolderException r ? r.fullMessage()
                : e instanceof IOException io ? RunFileWriter.reason(io) : String.valueOf(e.getMessage());
        return new Problem(text.replace(dir + File.separator, "").replace(dir.toString(), "the run folder"), stops);
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString();
    }

    /** Returns whether anything was found wrong with the run, even what stops nothing. */
    public boolean marked() {
        return !problems.isEmpty();
    }

    /** Returns whether something keeps part of the run from working: its log, model or resume. */
    public boolean damaged() {
        return problems.stream().anyMatch(p -> !p.stops().isEmpty());
    }

    /** Returns the first problem that keeps {@code use} from working, if any. */
    public Optional<Problem> stopping(Use use) {
        return problems.stream().filter(p -> p.stops().contains(use)).findFirst();
    }

    /** Returns the run's status as its log says it, or {@code unreadable} when the log cannot be read. */
    public String status() {
        return summary == null ? "unreadable" : summary.status();
    }

    /** Returns every problem's message, in order, on one line. */
    public String reasons() {
        return String.join(" ", problems.stream().map(Problem::message).toList());
    }
}
