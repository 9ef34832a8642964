package org.layercanvas.ui.canvas;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.shape.CubicCurve;
import javafx.scene.text.Text;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Shape;

/** One connection on the canvas: a curve from an output port to an input port, labelled with its shape. */
final class EdgeSkin {
    private final Edge edge;
    private final Group root = new Group();
    private final CubicCurve curve = new CubicCurve();
    private final Text label = new Text();
    private List<Object> drawn = List.of();
    private javafx.geometry.Bounds extent = new javafx.geometry.BoundingBox(0, 0, 0, 0);

    EdgeSkin(Edge edge) {
        this.edge = edge;
        curve.getStyleClass().add("edge");
        curve.setFill(null);
        label.getStyleClass().add("edge-label");
        label.setId("edge-label-" + edge.from() + "-" + edge.to() + "-" + edge.port());
        label.setMouseTransparent(true);
        root.getChildren().addAll(curve, label);
        root.setId("edge-" + edge.from() + "-" + edge.to() + "-" + edge.port());
        root.setAutoSizeChildren(false);
        curve.setUserData(this);
    }

    /** Draws the curve between two points and labels it with the shape it carries. */
    void update(Point2D from, Point2D to, Shape shape, boolean sideways) {
        List<Object> state = java.util.Arrays.asList(from, to, shape, sideways);
        if (state.equals(drawn)) {
            return;
        }
        drawn = state;
        double reach = bend(curve, from, to, sideways);
        // a curve stays within the box of its ends and control points; cheaper than asking for its bounds
        double padX = sideways ? reach : 40;
        double padY = sideways ? 40 : reach;
        extent = new javafx.geometry.BoundingBox(Math.min(from.getX(), to.getX()) - padX,
                Math.min(from.getY(), to.getY()) - padY, Math.abs(to.getX() - from.getX()) + 2 * padX,
                Math.abs(to.getY() - from.getY()) + 2 * padY);
        label.setText(shape == null ? "?" : shape.toString());
        label.setX((from.getX() + to.getX()) / 2 + 6);
        label.setY((from.getY() + to.getY()) / 2 + 4);
    }

    /**
     * Shapes a curve that leaves {@code from} downwards and arrives at {@code to} from above, or
     * ({@code sideways}) leaves to the right and arrives from the left; returns how far its control
     * points reach out.
     */
    static double bend(CubicCurve curve, Point2D from, Point2D to, boolean sideways) {
        double bend = Math.max(40, Math.abs(sideways ? to.getX() - from.getX() : to.getY() - from.getY()) / 2);
        curve.setStartX(from.getX());
        curve.setStartY(from.getY());
        curve.setControlX1(from.getX() + (sideways ? bend : 0));
        curve.setControlY1(from.getY() + (sideways ? 0 : bend));
        curve.setControlX2(to.getX() - (sideways ? bend : 0));
        curve.setControlY2(to.getY() - (sideways ? 0 : bend));
        curve.setEndX(to.getX());
        curve.setEndY(to.getY());
        return bend;
    }

    /** Shows or hides the selection highlight. */
    void setSelected(boolean selected) {
        curve.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), selected);
    }

    /** Returns the connection drawn. */
    Edge edge() {
        return edge;
    }

    /** Returns the JavaFX node to put on the canvas. */
    Group node() {
        return root;
    }

    /** Returns a box that holds the whole connection, label included, in canvas units. */
    javafx.geometry.Bounds extent() {
        return extent;
    }
}
