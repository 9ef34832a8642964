package org.layercanvas.ui.training;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import org.jfree.data.xy.XYSeries;
import org.layercanvas.engine.TrainingEvent;

/**
 * What the training charts show, without the charts: the loss of every batch and its smoothed line,
 * the learning rate where it changes, the loss and metric of every epoch, and the best epoch as the
 * run reports it. Events are added in batches and each chart's series tell it once per batch (one
 * redraw of the batch chart, one of the epoch chart when an epoch ended), so a long run redraws a
 * few times a second, not once per point or series. Reset when another design opens.
 */
public final class TrainingChartModel {
    private final HeldSeries batchLoss = new HeldSeries("loss per batch", false, true);
    private final HeldSeries smoothedLoss = new HeldSeries("smoothed", false, true);
    private final HeldSeries learningRate = new HeldSeries("learning rate", false, true);
    private final HeldSeries trainLoss = new HeldSeries("training loss", true, false);
    private final HeldSeries validationLoss = new HeldSeries("validation loss", true, false);
    private final HeldSeries trainMetric = new HeldSeries("training accuracy", true, false);
    private final HeldSeries validationMetric = new HeldSeries("validation accuracy", true, false);
    /** The batch chart's series, then the epoch chart's: a chart redraws all of its series when one tells it. */
    private final List<HeldSeries> batchChart = List.of(batchLoss, smoothedLoss, learningRate);
    private final List<HeldSeries> epochChart = List.of(trainLoss, validationLoss, trainMetric, validationMetric);
    private final List<TrainingEvent> history = new ArrayList<>();
    private final DoubleProperty smoothing = new SimpleDoubleProperty(0.9);
    private final ReadOnlyIntegerWrapper bestEpoch = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper metric = new ReadOnlyStringWrapper("accuracy");
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyIntegerWrapper epochs = new ReadOnlyIntegerWrapper();
    private double ema = Double.NaN;

    /** Creates empty charts' data. */
    public TrainingChartModel() {
        smoothing.addListener((o, a, b) -> resmooth());
    }

    /** Returns the loss of every batch, by step. */
    public XYSeries batchLoss() {
        return batchLoss;
    }

    /** Returns the exponentially smoothed batch loss, by step. */
    public XYSeries smoothedLoss() {
        return smoothedLoss;
    }

    /** Returns the learning rate, by step, only where it changes (and the latest step). */
    public XYSeries learningRate() {
        return learningRate;
    }

    /** Returns the series of the epoch chart: training and validation loss, then metric. */
    public List<XYSeries> epochSeries() {
        return List.copyOf(epochChart);
    }

    /** Returns how strongly the smoothed line follows the old losses: 0 raw, towards 1 smoother. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** Returns the epoch with the best validation metric so far, as the run reported it; 0 before the first. */
    public ReadOnlyIntegerProperty bestEpochProperty() {
        return bestEpoch.getReadOnlyProperty();
    }

    /** Returns the validation metric's name: {@code accuracy} or {@code mae}. */
    public ReadOnlyStringProperty metricProperty() {
        return metric.getReadOnlyProperty();
    }

    /** Returns whether nothing is drawn. */
    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** Returns the last epoch of the run drawn, 0 before one started. */
    public ReadOnlyIntegerProperty epochsProperty() {
        return epochs.getReadOnlyProperty();
    }

    /** Returns every event drawn since the charts were last cleared, in order. */
    public List<TrainingEvent> history() {
        return List.copyOf(history);
    }

    /** Clears every series, as before a new run or after another design opened. */
    public void clear() {
        ema = Double.NaN;
        for (List<HeldSeries> chart : List.of(batchChart, epochChart)) {
            chart.forEach(series -> series.setNotify(false));
            chart.forEach(XYSeries::clear);
            tellOnce(chart);
        }
        history.clear();
        bestEpoch.set(0);
        epochs.set(0);
        empty.set(true);
    }

    /**
     * Adds events in order; each chart whose series changed is told once, after them all. (A series
     * told to notify again fires at once, so only the charts that will change are held quiet.)
     */
    public void add(List<TrainingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        boolean batches = events.stream().anyMatch(e -> e instanceof TrainingEvent.BatchEnded);
        boolean epochs = events.stream().anyMatch(e -> e instanceof TrainingEvent.EpochEnded);
        List<List<HeldSeries>> held = new ArrayList<>();
        if (batches) {
            held.add(batchChart);
        }
        if (epochs) {
            held.add(epochChart);
        }
        held.forEach(chart -> chart.forEach(series -> series.setNotify(false)));
        for (TrainingEvent e : events) {
            history.add(e);
            if (e instanceof TrainingEvent.Started s) {
                metric.set(s.metric());
                this.epochs.set(s.epochs());
                trainMetric.setKey("training " + s.metric());
                validationMetric.setKey("validation " + s.metric());
            } else if (e instanceof TrainingEvent.BatchEnded b) {
                batchLoss.add(b.step(), b.loss(), false);
                addSmoothed(b.step(), b.loss());
                addRate(b.step(), b.learningRate());
            } else if (e instanceof TrainingEvent.EpochEnded ep) {
                // a resumed run trains its stopped epoch again: the later values replace the earlier
                trainLoss.addOrUpdate(ep.epoch(), ep.trainLoss());
                validationLoss.addOrUpdate(ep.epoch(), ep.validationLoss());
                trainMetric.addOrUpdate(ep.epoch(), ep.trainMetric());
                validationMetric.addOrUpdate(ep.epoch(), ep.validationMetric());
                if (ep.bestEpoch() > 0) {
                    bestEpoch.set(ep.bestEpoch());
                }
            } else if (e instanceof TrainingEvent.Finished f && f.bestEpoch() > 0) {
                bestEpoch.set(f.bestEpoch());
            }
        }
        held.forEach(TrainingChartModel::tellOnce);
        empty.set(history.isEmpty());
    }

    /** Lets a chart's series notify again, the first of them telling the chart, which redraws them all. */
    private static void tellOnce(List<HeldSeries> chart) {
        chart.subList(1, chart.size()).forEach(HeldSeries::resumeUntold);
        chart.get(0).setNotify(true);
    }

    /** A series that can be let notify again without telling its chart, when another series of the chart will. */
    private static final class HeldSeries extends XYSeries {
        private static final long serialVersionUID = 1L;
        private transient boolean resuming;

        HeldSeries(String key, boolean autoSort, boolean allowDuplicateXValues) {
            super(key, autoSort, allowDuplicateXValues);
        }

        void resumeUntold() {
            resuming = true;
            try {
                setNotify(true);
            } finally {
                resuming = false;
            }
        }

        @Override
        public void fireSeriesChanged() {
            if (!resuming) {
                super.fireSeriesChanged();
            }
        }
    }

    private void addSmoothed(double step, double loss) {
        double a = smoothing.get();
        ema = Double.isNaN(ema) ? loss : a * ema + (1 - a) * loss;
        smoothedLoss.add(step, ema, false);
    }

    /**
     * Adds the learning rate of a step, keeping only the steps where it changes and the latest, to
     * extend the line: a constant rate stays two points however long the run.
     */
    private void addRate(int step, double rate) {
        int n = learningRate.getItemCount();
        if (n >= 2 && learningRate.getY(n - 1).doubleValue() == rate && learningRate.getY(n - 2).doubleValue() == rate) {
            learningRate.remove(n - 1);
        }
        learningRate.add(step, rate, false);
    }

    /** Recomputes the smoothed line from all losses so far, after the smoothing changed: one redraw. */
    private void resmooth() {
        smoothedLoss.setNotify(false);
        smoothedLoss.clear();
        ema = Double.NaN;
        for (int i = 0; i < batchLoss.getItemCount(); i++) {
            addSmoothed(batchLoss.getX(i).doubleValue(), batchLoss.getY(i).doubleValue());
        }
        smoothedLoss.setNotify(true);
    }
}
