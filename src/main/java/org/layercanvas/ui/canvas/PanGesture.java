package org.layercanvas.ui.canvas;

import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/** Pans the view: a drag with the middle button, or with the left one while Space is held. */
final class PanGesture implements Gesture {
    private final CanvasView canvas;
    private boolean spaceDown;
    private double lastX;
    private double lastY;

    PanGesture(CanvasView canvas) {
        this.canvas = canvas;
    }

    /** Notes whether Space is held. */
    void space(boolean down) {
        spaceDown = down;
    }

    @Override
    public boolean press(MouseEvent e, Point2D at) {
        if (e.getButton() != MouseButton.MIDDLE && !(e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            return false;
        }
        lastX = e.getX();
        lastY = e.getY();
        return true;
    }

    @Override
    public void drag(MouseEvent e, Point2D at) {
        canvas.panBy(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
    }

    @Override
    public void release(MouseEvent e, Point2D at) {
        // the view has moved already; nothing to commit
    }
}
