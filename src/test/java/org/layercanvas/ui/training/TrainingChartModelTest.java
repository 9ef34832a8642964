package org.layercanvas.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.general.SeriesChangeEvent;
import org.junit.jupiter.api.Test;
import org.layercanvas.engine.TrainingEvent;

/** The training charts' data, without the toolkit: what a run's events put on the charts. */
class TrainingChartModelTest {
    private final TrainingChartModel model = new TrainingChartModel();

    private static TrainingEvent.BatchEnded batch(int step, double loss, double rate) {
        return new TrainingEvent.BatchEnded(1, step, step, loss, rate, 100, step * 10L);
    }

    private static TrainingEvent.EpochEnded epoch(int epoch, double metric, int best) {
        return new TrainingEvent.EpochEnded(epoch, 1.0 / epoch, metric, 1.2 / epoch, metric - 0.01, epoch * 100L, best);
    }

    @Test
    void batchesAndEpochsAppearAndTheBestEpochIsTheOneTheRunReports() {
        List<TrainingEvent> events = new ArrayList<>();
        events.add(new TrainingEvent.Started("iris", 1, 3, 2, 120, 30, "accuracy", "cpu", "oneDNN SSE41"));
        for (int s = 1; s <= 6; s++) {
            events.add(batch(s, 1.0 / s, 0.01));
        }
        events.add(epoch(1, 0.7, 1));
        events.add(epoch(2, 0.9, 2));
        events.add(epoch(3, 0.8, 2));
        model.add(events);
        assertThat(model.batchLoss().getItemCount()).isEqualTo(6);
        assertThat(model.epochSeries()).allSatisfy(s -> assertThat(s.getItemCount()).isEqualTo(3));
        assertThat(model.bestEpochProperty().get()).as("epoch 3 was worse than 2").isEqualTo(2);
        assertThat(model.epochSeries().get(3).getKey()).isEqualTo("validation accuracy");
        assertThat(model.emptyProperty().get()).isFalse();
        assertThat(model.learningRate().getItemCount()).as("a constant rate stays two points").isEqualTo(2);

        model.clear();
        assertThat(model.batchLoss().getItemCount()).isZero();
        assertThat(model.bestEpochProperty().get()).isZero();
        assertThat(model.history()).isEmpty();
        assertThat(model.emptyProperty().get()).isTrue();
    }

    @Test
    void aResumedRunsEpochReplacesTheOneItTrainedAgain() {
        model.add(List.of(epoch(1, 0.5, 1), epoch(2, 0.6, 2), epoch(2, 0.65, 2), epoch(3, 0.7, 3)));
        assertThat(model.epochSeries().get(2).getItemCount()).isEqualTo(3);
        assertThat(model.epochSeries().get(2).getY(1).doubleValue()).isEqualTo(0.65);
    }

    @Test
    void smoothingFollowsTheLossesAndCanBeTurnedOff() {
        model.add(List.of(batch(1, 1.0, 0.1), batch(2, 0.0, 0.1)));
        assertThat(model.smoothedLoss().getY(1).doubleValue()).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-9));
        model.smoothingProperty().set(0);
        assertThat(model.smoothedLoss().getY(1).doubleValue()).isZero();
    }

    @Test
    void eachChartIsToldOncePerBatchOfEventsAndShowsEveryPoint() {
        // the plots as TrainingCharts builds them: losses and the learning rate in one, the epochs in another
        org.jfree.data.xy.XYSeriesCollection losses = new org.jfree.data.xy.XYSeriesCollection();
        losses.addSeries(model.batchLoss());
        losses.addSeries(model.smoothedLoss());
        org.jfree.chart.plot.XYPlot batches = plot(losses);
        batches.setDataset(1, new org.jfree.data.xy.XYSeriesCollection(model.learningRate()));
        org.jfree.data.xy.XYSeriesCollection perEpoch = new org.jfree.data.xy.XYSeriesCollection();
        model.epochSeries().forEach(perEpoch::addSeries);
        org.jfree.chart.plot.XYPlot epochs = plot(perEpoch);
        int[] redraws = new int[2];
        batches.addChangeListener(e -> redraws[0]++);
        epochs.addChangeListener(e -> redraws[1]++);

        List<TrainingEvent> many = new ArrayList<>();
        for (int s = 1; s <= 500; s++) {
            many.add(batch(s, 1.0 / s, s <= 250 ? 0.01 : 0.001));
        }
        model.add(many);
        assertThat(redraws).as("500 batches: one redraw of the batch chart").containsExactly(1, 0);
        assertThat(batches.getDataset(0).getItemCount(0)).isEqualTo(500);
        assertThat(batches.getRangeAxis(1).getRange().getUpperBound()).as("the rate axis fits the rates, at most 0.01")
                .isBetween(0.01, 0.05);
        model.add(List.of(epoch(1, 0.5, 1)));
        assertThat(redraws).as("an epoch redraws the epoch chart only, once").containsExactly(1, 1);
        assertThat(epochs.getDataset().getItemCount(3)).isEqualTo(1);
        model.smoothingProperty().set(0.5);
        assertThat(redraws).as("new smoothing: one redraw").containsExactly(2, 1);
    }

    private static org.jfree.chart.plot.XYPlot plot(org.jfree.data.xy.XYDataset data) {
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(data, new org.jfree.chart.axis.NumberAxis(),
                new org.jfree.chart.axis.NumberAxis(), new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer());
        plot.setRangeAxis(1, new org.jfree.chart.axis.NumberAxis());
        plot.mapDatasetToRangeAxis(1, 1);
        return plot;
    }

    @Test
    void anOldLogWithoutBestEpochsTakesItFromTheFinish() {
        model.add(List.of(epoch(1, 0.5, 0), epoch(2, 0.6, 0), new TrainingEvent.Finished(2, 2, 0.6, "completed", 200)));
        assertThat(model.bestEpochProperty().get()).isEqualTo(2);
    }
}
