package org.layercanvas.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layercanvas.data.Examples;
import org.layercanvas.data.TargetKind;
import org.layercanvas.engine.Evaluation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The evaluation tab shows what went wrong: misclassified images with both classes, or predicted against true values. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class EvaluationViewTest {
    private final EvaluationModel model = new EvaluationModel();

    @Start
    void start(Stage stage) {
        EvaluationView view = new EvaluationView(model);
        stage.setScene(new Scene(view, 1000, 500));
        stage.show();
    }

    @Test
    void misclassifiedImagesAreShownWithTheirTrueAndPredictedClass(FxRobot robot) {
        // three 1×2×2 images of classes a, b, b; the model said a, a, b
        Examples data = new Examples(new int[] {1, 2, 2}, new float[] {0, 1, 1, 0, 1, 1, 0, 0, 0.5f, 0, 0, 1},
                TargetKind.CLASSES, 1, new float[] {0, 1, 1}, List.of("a", "b"));
        Evaluation e = new Evaluation(List.of("a", "b"), new int[][] {{1, 0}, {1, 1}}, Double.NaN, 3,
                new float[] {0, 0, 1});
        robot.interact(() -> model.show(e, data, "run"));
        assertThat(robot.lookup("#misclassified-gallery").queryAs(javafx.scene.layout.Pane.class).getChildren())
                .hasSize(1);
        assertThat(robot.lookup("b → a").queryLabeled().getText()).isEqualTo("b → a");
        assertThat(robot.lookup("#regression-scatter").queryAs(javafx.scene.Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#evaluation-summary").queryLabeled().getText())
                .isEqualTo("Validation accuracy 66.67% over 3 samples");

        robot.interact(model::clear);
        assertThat(robot.lookup("#evaluation-summary").queryLabeled().getText())
                .isEqualTo("Train a design to evaluate it here.");
        assertThat(robot.lookup("#confusion-matrix").queryAs(javafx.scene.layout.Pane.class).getChildren()).isEmpty();
    }

    @Test
    void aSegmentationIsCountedOverItsPixelsNotItsSamples(FxRobot robot) {
        // two 1×2×2 images with a mask each; 6 of the 8 pixels are right
        Examples data = new Examples(new int[] {1, 2, 2}, new float[8], TargetKind.POSITION_CLASSES, new int[] {2, 2},
                new float[] {0, 0, 1, 1, 0, 1, 0, 0}, List.of("background", "square"));
        Evaluation e = new Evaluation(List.of("background", "square"), new int[][] {{4, 1}, {1, 2}}, Double.NaN, 2,
                new float[] {0, 0, 1, 0, 0, 1, 1, 0});
        robot.interact(() -> model.show(e, data, "run"));
        assertThat(robot.lookup("#evaluation-summary").queryLabeled().getText())
                .isEqualTo("Validation pixel accuracy 75.00% over 8 pixels (2×2 in each of 2 samples)");
        // no sample is simply right or wrong: no gallery of misclassified images
        assertThat(robot.lookup("#misclassified-gallery").queryAs(javafx.scene.Node.class).getParent().isVisible())
                .isFalse();

        // a sequence's classes are per position
        Examples sequences = new Examples(new int[] {1, 4}, new float[8], TargetKind.POSITION_CLASSES, new int[] {4},
                new float[] {0, 0, 1, 1, 0, 1, 0, 0}, List.of("a", "b"));
        robot.interact(() -> model.show(e, sequences, "run"));
        assertThat(robot.lookup("#evaluation-summary").queryLabeled().getText())
                .isEqualTo("Validation per-position accuracy 75.00% over 8 positions (4 in each of 2 samples)");
    }

    @Test
    void regressionShowsPredictedAgainstTrue(FxRobot robot) {
        Examples data = new Examples(new int[] {1}, new float[] {1, 2, 3, 4}, TargetKind.VALUES, 1,
                new float[] {2, 4, 6, 8}, List.of());
        Evaluation e = new Evaluation(List.of(), new int[0][0], 0.25, 4, new float[] {2.5f, 4, 5.5f, 8});
        robot.interact(() -> model.show(e, data, "run"));
        org.jfree.chart.fx.ChartViewer scatter = robot.lookup("#regression-scatter").queryAs(
                org.jfree.chart.fx.ChartViewer.class);
        assertThat(scatter.isVisible()).isTrue();
        assertThat(scatter.getChart().getXYPlot().getDataset(0).getItemCount(0)).isEqualTo(4);
        assertThat(robot.lookup("#misclassified-gallery").queryAs(javafx.scene.Node.class).getParent().isVisible())
                .isFalse();
    }
}
