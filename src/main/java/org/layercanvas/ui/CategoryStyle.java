package org.layercanvas.ui;

import javafx.scene.paint.Color;
import org.layercanvas.graph.Category;

/** The colour of each palette category, shared by the palette and the canvas cards. */
final class CategoryStyle {
    private CategoryStyle() {
    }

    /** Returns the accent colour of a category. */
    static Color color(Category category) {
        return switch (category) {
            case INPUT_OUTPUT -> Color.web("#4c8bf5");
            case CORE -> Color.web("#7e57c2");
            case CONVOLUTION -> Color.web("#26a69a");
            case POOLING -> Color.web("#66bb6a");
            case NORMALIZATION -> Color.web("#ffa726");
            case ACTIVATION -> Color.web("#ef5350");
            case RESHAPING -> Color.web("#8d6e63");
            case MERGE -> Color.web("#ec407a");
            case SEQUENCE -> Color.web("#29b6f6");
        };
    }

    /** Returns a colour as CSS. */
    static String css(Color c) {
        return String.format("#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255));
    }
}
