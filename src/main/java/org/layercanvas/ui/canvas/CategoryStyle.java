package org.layercanvas.ui.canvas;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.paint.Color;
import org.layercanvas.graph.Category;

/** The colour of each palette category, shared by the palette, the cards and the minimap. */
public final class CategoryStyle {
    private static final Map<Category, Color> COLOURS = new EnumMap<>(Category.class);

    static {
        for (Category c : Category.values()) {
            COLOURS.put(c, parse(c));
        }
    }

    private CategoryStyle() {
    }

    /** Returns the accent colour of a category. */
    public static Color color(Category category) {
        return COLOURS.get(category);
    }

    private static Color parse(Category category) {
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
            case BLOCK -> Color.web("#5c6bc0");
        };
    }
}
