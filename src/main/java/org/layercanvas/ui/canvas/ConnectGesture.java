package org.layercanvas.ui.canvas;

import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.CubicCurve;
import org.layercanvas.edit.ConnectCommand;
import org.layercanvas.edit.Connections;
import org.layercanvas.ui.common.DesignEditor;

/**
 * Drags a connection out of a card's output port: a pending curve follows the pointer, and over a
 * card that cannot take it the curve turns red with the reason beside the pointer. Dropped on a
 * card that can, it connects as one command.
 */
final class ConnectGesture implements Gesture {
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");

    private final CanvasView canvas;
    private final DesignEditor editor;
    private final Consumer<String> status;
    private final CubicCurve pending = new CubicCurve();
    private final Label refusal = new Label();
    private NodeSkin from;

    ConnectGesture(CanvasView canvas, DesignEditor editor, Consumer<String> status) {
        this.canvas = canvas;
        this.editor = editor;
        this.status = status;
        pending.getStyleClass().add("edge-pending");
        pending.setFill(null);
        pending.setVisible(false);
        refusal.getStyleClass().add("refusal");
        refusal.setVisible(false);
        canvas.overlay().getChildren().addAll(pending, refusal);
    }

    @Override
    public boolean press(MouseEvent e, Point2D at) {
        NodeSkin skin = CanvasView.skinOf(e.getPickResult().getIntersectedNode());
        if (e.getButton() != MouseButton.PRIMARY || skin == null
                || e.getPickResult().getIntersectedNode() != skin.outputPort()) {
            return false;
        }
        from = skin;
        pending.setVisible(true);
        follow(at, true);
        return true;
    }

    @Override
    public void drag(MouseEvent e, Point2D at) {
        NodeSkin target = CanvasView.skinOf(e.getPickResult().getIntersectedNode());
        boolean ok = true;
        refusal.setVisible(false);
        if (target != null && target != from) {
            Connections.Result r = Connections.connect(editor.scope().graph(), from.id(), target.id());
            ok = r.allowed();
            if (!ok) {
                refusal.setText(r.refusal());
                refusal.setLayoutX(at.getX() + 12);
                refusal.setLayoutY(at.getY() + 12);
                refusal.setVisible(true);
            }
        }
        follow(at, ok);
    }

    @Override
    public void release(MouseEvent e, Point2D at) {
        pending.setVisible(false);
        refusal.setVisible(false);
        NodeSkin target = CanvasView.skinOf(e.getPickResult().getIntersectedNode());
        if (target != null && target != from) {
            Connections.Result r = Connections.connect(editor.scope().graph(), from.id(), target.id());
            if (r.allowed()) {
                editor.scope().execute(new ConnectCommand(r.edge().orElseThrow()));
            } else {
                status.accept("Not connected: " + r.refusal());
            }
        }
        from = null;
    }

    private void follow(Point2D to, boolean ok) {
        EdgeSkin.bend(pending, from.outputPoint(), to, canvas.horizontal());
        pending.pseudoClassStateChanged(REFUSED, !ok);
    }
}
