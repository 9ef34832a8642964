package org.layercanvas.ui.canvas;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.layercanvas.ui.common.DesignEditor;

/**
 * An overview of a big design in a corner of the canvas: every layer as a dot in its category's
 * colour and the part in view as a frame. Click or drag in it to move the view. Shown only once a
 * design has more layers than fit comfortably on screen.
 */
public final class MinimapView extends StackPane {
    /** Designs with more layers than this get a minimap. */
    static final int SHOWN_FROM = 40;
    private static final double WIDTH = 200;
    private static final double HEIGHT = 140;
    private static final double PAD = 6;

    private final Canvas drawing = new Canvas(WIDTH, HEIGHT);
    private final DesignEditor editor;
    private final CanvasView canvas;
    private Bounds world;
    private double scale;
    private double originX;
    private double originY;

    public MinimapView(DesignEditor editor, CanvasView canvas) {
        this.editor = editor;
        this.canvas = canvas;
        setId("minimap");
        getStyleClass().add("minimap");
        getChildren().add(drawing);
        setMaxSize(WIDTH, HEIGHT);
        drawing.setOnMousePressed(e -> jump(e.getX(), e.getY()));
        drawing.setOnMouseDragged(e -> jump(e.getX(), e.getY()));
        editor.scope().onChange(c -> redraw());
        canvas.setOnViewChanged(this::redraw);
        redraw();
    }

    private void jump(double x, double y) {
        if (world != null) {
            canvas.centreOn(new Point2D(world.getMinX() + (x - originX) / scale, world.getMinY() + (y - originY) / scale));
        }
    }

    /** Draws the dots and the view's frame again. */
    void redraw() {
        boolean big = editor.scope().graph().size() > SHOWN_FROM;
        setVisible(big);
        if (!big) {
            return;
        }
        world = canvas.contentBounds();
        scale = Math.min((WIDTH - 2 * PAD) / Math.max(world.getWidth(), 1), (HEIGHT - 2 * PAD) / Math.max(world.getHeight(), 1));
        // centred, so that a tall design does not hug the left edge
        originX = (WIDTH - world.getWidth() * scale) / 2;
        originY = (HEIGHT - world.getHeight() * scale) / 2;
        GraphicsContext g = drawing.getGraphicsContext2D();
        g.clearRect(0, 0, WIDTH, HEIGHT);
        for (var node : editor.scope().graph().nodes()) {
            g.setFill(CategoryStyle.color(node.spec().type().category()));
            g.fillRect(originX + (node.position().x() - world.getMinX()) * scale,
                    originY + (node.position().y() - world.getMinY()) * scale,
                    Math.max(2, NodeSkin.WIDTH * scale), Math.max(2, NodeSkin.HEIGHT * scale));
        }
        Bounds view = canvas.visibleBounds();
        g.setStroke(Color.web("#4c8bf5"));
        g.setLineWidth(1.5);
        g.strokeRect(originX + (view.getMinX() - world.getMinX()) * scale,
                originY + (view.getMinY() - world.getMinY()) * scale,
                view.getWidth() * scale, view.getHeight() * scale);
    }
}
