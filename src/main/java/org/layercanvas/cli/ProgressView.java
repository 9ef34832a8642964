package org.layercanvas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingEvent.BatchEnded;
import org.layercanvas.engine.TrainingEvent.EpochEnded;
import org.layercanvas.engine.TrainingEvent.Started;

/**
 * Shows training in a terminal: a progress bar redrawn in place (at most ten times a second) on a
 * console, a line per epoch otherwise, or the events as JSON lines.
 */
final class ProgressView {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean json;
    private final boolean console;
    private final List<EpochEnded> epochs = new ArrayList<>();
    private Started started;
    private String metric = "accuracy";
    private long lastDraw;

    ProgressView(PrintWriter out, boolean json, boolean console) {
        this.out = out;
        this.json = json;
        this.console = console;
    }

    /** Shows one event; called on the training thread. */
    synchronized void show(TrainingEvent event) {
        if (json) {
            out.println(RunFolder.toJson(event));
            out.flush();
            return;
        }
        if (event instanceof Started s) {
            started = s;
            metric = s.metric();
            out.printf(Locale.ROOT, "Training %s: %,d training and %,d validation samples, epochs %d to %d, on %s (%s)%n",
                    s.design(), s.trainSize(), s.validationSize(), s.firstEpoch(), s.epochs(), s.device(), s.kernels());
        } else if (event instanceof BatchEnded b && console) {
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS || b.batch() == started.stepsPerEpoch()) {
                lastDraw = now;
                control("\r");
                out.print(bar(b));
                out.flush();
            }
        } else if (event instanceof EpochEnded e) {
            epochs.add(e);
            clearLine();
            out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  %s %s  val loss %.4f  val %s %s  (%s)%n", e.epoch(),
                    started.epochs(), e.trainLoss(), metric, value(e.trainMetric()), e.validationLoss(), metric,
                    value(e.validationMetric()), clock(e.elapsedMillis()));
        } else if (event instanceof TrainingEvent.Paused) {
            clearLine();
            out.println("paused");
        } else if (event instanceof TrainingEvent.Failed f) {
            clearLine();
            out.println("Training failed: " + f.message()
                    + (f.hint().isEmpty() ? "" : "\n" + f.hint()));
        } else if (event instanceof TrainingEvent.Stopped s) {
            clearLine();
            out.println("Stopped during epoch " + s.epoch() + " after step " + s.step());
        }
        out.flush();
    }

    /** Clears the progress bar's line on a console, so the next line starts clean. */
    private void clearLine() {
        if (console) {
            control("\r\033[K");
        }
    }

    /** Writes a control sequence as it is, past the escaping of everything else printed. */
    private void control(String sequence) {
        if (out instanceof TerminalOut terminal) {
            terminal.raw(sequence);
        } else {
            out.print(sequence);
        }
    }

    private String bar(BatchEnded b) {
        int steps = started.stepsPerEpoch();
        int filled = (int) Math.round(BAR * (double) b.batch() / steps);
        int totalSteps = steps * (started.epochs() - started.firstEpoch() + 1);
        int doneSteps = (b.epoch() - started.firstEpoch()) * steps + b.batch();
        long eta = doneSteps == 0 ? 0 : b.elapsedMillis() * (totalSteps - doneSteps) / doneSteps;
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d  loss %.4f  %,.0f samples/s  ETA %s",
                b.epoch(), started.epochs(), "#".repeat(filled), "-".repeat(BAR - filled), b.batch(), steps, b.loss(),
                b.samplesPerSecond(), clock(eta));
    }

    private String value(double v) {
        return org.layercanvas.engine.RunSummary.metricText(metric, v);
    }

    private static String clock(long millis) {
        long s = millis / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /** Prints the final table and where the run is kept. */
    synchronized void summary(Path runDir, TrainingEvent last) {
        if (!epochs.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%6s %11s %11s %11s %11s %9s%n", "epoch", "loss", metric, "val loss", "val " + metric,
                    "time");
            for (EpochEnded e : epochs) {
                out.printf(Locale.ROOT, "%6d %11.4f %11s %11.4f %11s %9s%n", e.epoch(), e.trainLoss(),
                        value(e.trainMetric()), e.validationLoss(), value(e.validationMetric()), clock(e.elapsedMillis()));
            }
        }
        if (last instanceof TrainingEvent.Finished f) {
            out.printf(Locale.ROOT, "%nFinished (%s): best val %s %s at epoch %d.%n", f.reason(), metric,
                    value(f.bestValidationMetric()), f.bestEpoch());
        }
        out.println("Run folder: " + runDir);
        if (last instanceof TrainingEvent.Stopped) {
            out.println("Resume with: train --resume " + runDir);
        }
    }
}
