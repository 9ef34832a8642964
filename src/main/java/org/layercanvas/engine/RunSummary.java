package org.layercanvas.engine;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A run at a glance, as its events tell it: design, epochs done of planned, best validation metric
 * and status.
 *
 * @param design the design's name, or "?" before the run started
 * @param epochsDone the last epoch that ended
 * @param epochs the last epoch planned
 * @param metric {@code accuracy}, {@code mae} or {@code mse}
 * @param bestValidationMetric the best validation metric so far, or NaN
 * @param status {@code finished (completed)}, {@code stopped, resumable}, {@code failed: …}, {@code imported}, or
 *     {@code running or crashed} while no final event is written
 */
public record RunSummary(String design, int epochsDone, int epochs, String metric, double bestValidationMetric,
        String status) {

    /**
     * Summarizes a run's events in the order they were written. An epoch trained again after a resume
     * (the run was killed after a checkpoint, and the epochs after it were lost) counts once, as trained
     * the last time, so the best here is the best of the weights the run went on with.
     */
    public static RunSummary of(List<TrainingEvent> events) {
        String design = "?";
        int total = 0;
        String metric = "accuracy";
        TreeMap<Integer, Double> validation = new TreeMap<>();
        String status = events.isEmpty() ? "not started" : "incomplete";
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.Started s) {
                design = s.design();
                total = s.epochs();
                metric = s.metric();
                status = "running or crashed";
                validation.tailMap(s.firstEpoch(), true).clear();
            } else if (e instanceof TrainingEvent.EpochEnded ep) {
                validation.put(ep.epoch(), ep.validationMetric());
            } else if (e instanceof TrainingEvent.Finished f) {
                status = "finished (" + f.reason() + ")";
            } else if (e instanceof TrainingEvent.Stopped) {
                status = "stopped, resumable";
            } else if (e instanceof TrainingEvent.Failed f) {
                status = "failed: " + f.message();
            } else if (e instanceof TrainingEvent.Imported i) {
                design = i.design();
                status = "imported";
            }
        }
        double best = Double.NaN;
        for (double v : validation.values()) {
            // accuracy grows as a run improves; mae and mse fall
            boolean better = metric.equals("accuracy") ? v > best : v < best;
            if (Double.isNaN(best) || better) {
                best = v;
            }
        }
        int done = validation.isEmpty() ? 0 : validation.lastKey();
        return new RunSummary(design, done, total, metric, best, status);
    }

    /** Returns the best validation metric as a person reads it: {@code 97.13% acc}, {@code 0.1234 mae} or {@code mse}. */
    public String bestText() {
        if (Double.isNaN(bestValidationMetric)) {
            return "-";
        }
        return metricText(metric, bestValidationMetric) + " " + (metric.equals("accuracy") ? "acc" : metric);
    }

    /** Returns a metric's value as a person reads it: accuracy in percent ({@code 97.13%}), others as numbers ({@code 0.1234}). */
    public static String metricText(String metric, double value) {
        return metric.equals("accuracy") ? String.format(Locale.ROOT, "%.2f%%", value * 100)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
