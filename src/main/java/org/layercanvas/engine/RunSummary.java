package org.layercanvas.engine;

import java.util.List;
import java.util.Locale;

/**
 * A run at a glance, as its events tell it: design, epochs done of planned, best validation metric
 * and status.
 *
 * @param design the design's name, or "?" before the run started
 * @param epochsDone the last epoch that ended
 * @param epochs the last epoch planned
 * @param metric {@code accuracy} or {@code mae}
 * @param bestValidationMetric the best validation metric so far, or NaN
 * @param status {@code finished (completed)}, {@code stopped, resumable}, {@code failed: …}, {@code imported}, or
 *     {@code running or crashed} while no final event is written
 */
public record RunSummary(String design, int epochsDone, int epochs, String metric, double bestValidationMetric,
        String status) {

    /** Summarizes a run's events in the order they were written. */
    public static RunSummary of(List<TrainingEvent> events) {
        String design = "?";
        int total = 0;
        int done = 0;
        String metric = "accuracy";
        double best = Double.NaN;
        String status = events.isEmpty() ? "not started" : "incomplete";
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.Started s) {
                design = s.design();
                total = s.epochs();
                metric = s.metric();
                status = "running or crashed";
            } else if (e instanceof TrainingEvent.EpochEnded ep) {
                done = ep.epoch();
                double v = ep.validationMetric();
                boolean better = metric.equals("mae") ? v < best : v > best;
                if (Double.isNaN(best) || better) {
                    best = v;
                }
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
        return new RunSummary(design, done, total, metric, best, status);
    }

    /** Returns the best validation metric as a person reads it: {@code 97.13% acc} or {@code 0.1234 mae}. */
    public String bestText() {
        if (Double.isNaN(bestValidationMetric)) {
            return "-";
        }
        return metric.equals("accuracy") ? String.format(Locale.ROOT, "%.2f%% acc", bestValidationMetric * 100)
                : String.format(Locale.ROOT, "%.4g mae", bestValidationMetric);
    }
}
