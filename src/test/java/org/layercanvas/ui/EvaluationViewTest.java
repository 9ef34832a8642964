package org.layercanvas.ui;

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
    private EvaluationView view;

    @Start
    void start(Stage stage) {
        view = new EvaluationView();
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
        robot.interact(() -> view.show(e, data));
        assertThat(view.galleryCount()).isEqualTo(1);
        assertThat(robot.lookup("b → a").queryLabeled().getText()).isEqualTo("b → a");
        assertThat(view.scatterCount()).isZero();
    }

    @Test
    void regressionShowsPredictedAgainstTrue(FxRobot robot) {
        Examples data = new Examples(new int[] {1}, new float[] {1, 2, 3, 4}, TargetKind.VALUES, 1,
                new float[] {2, 4, 6, 8}, List.of());
        Evaluation e = new Evaluation(List.of(), new int[0][0], 0.25, 4, new float[] {2.5f, 4, 5.5f, 8});
        robot.interact(() -> view.show(e, data));
        assertThat(view.scatterCount()).isEqualTo(4);
        assertThat(robot.lookup("#regression-scatter").queryAs(javafx.scene.Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#misclassified-gallery").queryAs(javafx.scene.Node.class).getParent().isVisible())
                .isFalse();
    }
}
