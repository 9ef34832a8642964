package org.layercanvas.ui.canvas;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/** A press on a connection selects it, so Delete removes it; nothing follows the drag. */
final class EdgePickGesture implements Gesture {
    private final CanvasView canvas;

    EdgePickGesture(CanvasView canvas) {
        this.canvas = canvas;
    }

    @Override
    public boolean press(MouseEvent e, Point2D at) {
        Node picked = e.getPickResult().getIntersectedNode();
        if (e.getButton() != MouseButton.PRIMARY || picked == null || !(picked.getUserData() instanceof EdgeSkin skin)) {
            return false;
        }
        canvas.selectEdge(skin.edge());
        return true;
    }

    @Override
    public void drag(MouseEvent e, Point2D at) {
        // selecting a connection has nothing to drag
    }

    @Override
    public void release(MouseEvent e, Point2D at) {
        // selected on press
    }
}
