package org.layercanvas.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layercanvas.engine.TrainingEvent;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The epoch chart's best-epoch marker and where its label goes as a run's epochs come in. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class TrainingChartsTest {
    private final TrainingChartModel model = new TrainingChartModel();
    private TrainingCharts charts;

    @Start
    void start(Stage stage) {
        charts = new TrainingCharts(model);
        stage.setScene(new Scene(new HBox(charts.batches(), charts.epochs()), 900, 300));
        stage.show();
    }

    private static TrainingEvent.EpochEnded epoch(int epoch, int best) {
        double metric = epoch == best ? 0.9 : 0.8;
        return new TrainingEvent.EpochEnded(epoch, 1.0 / epoch, metric, 1.2 / epoch, metric, epoch * 100L, best);
    }

    @Test
    void theBestEpochsLabelMovesToTheSideWithRoomAsEpochsComeIn(FxRobot robot) {
        // one epoch at a time, as the window's drain brings them: the best is epoch 2 from then on
        for (int e = 1; e <= 12; e++) {
            int shown = e;
            robot.interact(() -> model.add(List.of(epoch(shown, Math.min(shown, 2)))));
        }
        ValueMarker marker = (ValueMarker) charts.epochs().getChart().getXYPlot().getDomainMarkers(Layer.FOREGROUND)
                .iterator().next();
        assertThat(marker.getValue()).isEqualTo(2);
        // epoch 2 of 12 is near the left edge: the label reads to the right of the line, inside the plot
        assertThat(marker.getLabelTextAnchor()).as("label " + marker.getLabel()).isEqualTo(TextAnchor.TOP_LEFT);

        // a best epoch near the right edge reads to the left of its line
        for (int e = 13; e <= 14; e++) {
            int shown = e;
            robot.interact(() -> model.add(List.of(epoch(shown, shown))));
        }
        assertThat(marker.getValue()).isEqualTo(14);
        assertThat(marker.getLabelTextAnchor()).isEqualTo(TextAnchor.TOP_RIGHT);
    }
}
