package org.layercanvas.ui.canvas;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.layercanvas.edit.MoveNodesCommand;
import org.layercanvas.graph.Position;
import org.layercanvas.ui.common.DesignEditor;

/**
 * Selects a card on press (Shift or Ctrl toggles it) and drags the selection: the cards move live
 * and the move is committed as one command on release.
 */
final class MoveGesture implements Gesture {
    private final CanvasView canvas;
    private final DesignEditor editor;
    private Point2D from;

    MoveGesture(CanvasView canvas, DesignEditor editor) {
        this.canvas = canvas;
        this.editor = editor;
    }

    @Override
    public boolean press(MouseEvent e, Point2D at) {
        NodeSkin skin = CanvasView.skinOf(e.getPickResult().getIntersectedNode());
        if (e.getButton() != MouseButton.PRIMARY || skin == null) {
            return false;
        }
        canvas.selectEdge(null);
        if (e.isShiftDown() || e.isShortcutDown()) {
            if (!editor.selection().remove(skin.id())) {
                editor.selection().add(skin.id());
            }
        } else if (!editor.selection().contains(skin.id())) {
            editor.selection().clear();
            editor.selection().add(skin.id());
        }
        from = at;
        return true;
    }

    @Override
    public void drag(MouseEvent e, Point2D at) {
        canvas.shiftSelection(at.getX() - from.getX(), at.getY() - from.getY());
    }

    @Override
    public void release(MouseEvent e, Point2D at) {
        double dx = at.getX() - from.getX();
        double dy = at.getY() - from.getY();
        if (Math.abs(dx) + Math.abs(dy) <= 0.5) {
            canvas.shiftSelection(0, 0);
            return;
        }
        Map<String, Position> moved = new HashMap<>();
        for (String id : editor.selection()) {
            moved.put(id, editor.scope().graph().node(id).position().plus(dx, dy));
        }
        editor.scope().execute(new MoveNodesCommand(moved, moved.size() == 1 ? "Move Layer" : "Move Layers"));
    }
}
