package org.layercanvas.ui.canvas;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Rectangle;
import org.layercanvas.ui.common.DesignEditor;

/**
 * A press on empty canvas clears the selection (unless Shift or Ctrl is held) and a drag draws a
 * rubber band; the cards it touches are selected on release.
 */
final class MarqueeGesture implements Gesture {
    private final CanvasView canvas;
    private final DesignEditor editor;
    private final Rectangle band = new Rectangle();
    private Point2D from;

    MarqueeGesture(CanvasView canvas, DesignEditor editor) {
        this.canvas = canvas;
        this.editor = editor;
        band.getStyleClass().add("rubber-band");
        band.setVisible(false);
        canvas.overlay().getChildren().add(band);
    }

    @Override
    public boolean press(MouseEvent e, Point2D at) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return false;
        }
        canvas.selectEdge(null);
        if (!e.isShiftDown() && !e.isShortcutDown()) {
            editor.selection().clear();
        }
        from = at;
        band.setX(at.getX());
        band.setY(at.getY());
        band.setWidth(0);
        band.setHeight(0);
        band.setVisible(true);
        return true;
    }

    @Override
    public void drag(MouseEvent e, Point2D at) {
        band.setX(Math.min(at.getX(), from.getX()));
        band.setY(Math.min(at.getY(), from.getY()));
        band.setWidth(Math.abs(at.getX() - from.getX()));
        band.setHeight(Math.abs(at.getY() - from.getY()));
    }

    @Override
    public void release(MouseEvent e, Point2D at) {
        band.setVisible(false);
        if (band.getWidth() + band.getHeight() < 2) {
            return;
        }
        Bounds b = band.getBoundsInParent();
        editor.selection().addAll(canvas.cardsWithin(b));
    }
}
