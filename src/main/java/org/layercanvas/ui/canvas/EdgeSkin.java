package org.layercanvas.ui.canvas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.Shape;

/**
 * One connection on the canvas, labelled with the shape it carries: the route an auto-layout gave it
 * around the cards in between while its ends are where that layout put them, else a curve from the
 * output port to the input port. A wider invisible stroke under it makes it easy to hit.
 */
final class EdgeSkin {
    private static final double MATCH = 1;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final Edge edge;
    private final Group root = new Group();
    private final Path line = new Path();
    private final Path hit = new Path();
    private final Text label = new Text();
    private List<Object> drawn = List.of();
    private Bounds extent = new BoundingBox(0, 0, 0, 0);

    EdgeSkin(Edge edge) {
        this.edge = edge;
        line.getStyleClass().add("edge");
        line.setFill(null);
        line.setMouseTransparent(true);
        hit.getStyleClass().add("edge-hit");
        hit.setFill(null);
        hit.setUserData(this);
        label.getStyleClass().add("edge-label");
        label.setId("edge-label-" + edge.from() + "-" + edge.to() + "-" + edge.port());
        label.setMouseTransparent(true);
        root.getChildren().addAll(hit, line, label);
        root.setId("edge-" + edge.from() + "-" + edge.to() + "-" + edge.port());
        root.setAutoSizeChildren(false);
        hit.hoverProperty().addListener((o, a, b) -> line.pseudoClassStateChanged(PseudoClass.getPseudoClass("hover"),
                b));
    }

    /**
     * Draws the connection between two points and labels it with the shape it carries: along
     * {@code route} when it starts and ends at these points, else as a curve.
     *
     * @param route the points an auto-layout gave it, or null
     */
    void update(Point2D from, Point2D to, List<Position> route, Shape shape, boolean sideways) {
        boolean routed = route != null && near(route.get(0), from) && near(route.get(route.size() - 1), to);
        List<Object> state = Arrays.asList(from, to, routed ? route : null, shape, sideways);
        if (state.equals(drawn)) {
            return;
        }
        drawn = state;
        List<PathElement> elements = new ArrayList<>();
        Point2D labelAt;
        if (routed) {
            elements.add(new MoveTo(from.getX(), from.getY()));
            double minX = from.getX();
            double maxX = minX;
            double minY = from.getY();
            double maxY = minY;
            for (Position p : route.subList(1, route.size())) {
                elements.add(new LineTo(p.x(), p.y()));
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                minY = Math.min(minY, p.y());
                maxY = Math.max(maxY, p.y());
            }
            extent = new BoundingBox(minX - 40, minY - 20, maxX - minX + 80, maxY - minY + 40);
            labelAt = labelPoint(route);
        } else {
            double reach = reach(from, to, sideways);
            elements.add(new MoveTo(from.getX(), from.getY()));
            elements.add(new CubicCurveTo(from.getX() + (sideways ? reach : 0), from.getY() + (sideways ? 0 : reach),
                    to.getX() - (sideways ? reach : 0), to.getY() - (sideways ? 0 : reach), to.getX(), to.getY()));
            // a curve stays within the box of its ends and control points; cheaper than asking for its bounds
            double padX = sideways ? reach : 40;
            double padY = sideways ? 40 : reach;
            extent = new BoundingBox(Math.min(from.getX(), to.getX()) - padX, Math.min(from.getY(), to.getY()) - padY,
                    Math.abs(to.getX() - from.getX()) + 2 * padX, Math.abs(to.getY() - from.getY()) + 2 * padY);
            labelAt = new Point2D((from.getX() + to.getX()) / 2, (from.getY() + to.getY()) / 2);
        }
        line.getElements().setAll(elements);
        hit.getElements().setAll(copy(elements));
        label.setText(shape == null ? "?" : shape.toString());
        label.setX(labelAt.getX() + 6);
        label.setY(labelAt.getY() + 4);
    }

    private static boolean near(Position p, Point2D q) {
        return Math.abs(p.x() - q.getX()) <= MATCH && Math.abs(p.y() - q.getY()) <= MATCH;
    }

    /** Returns the middle of a route's longest segment, where its label reads best. */
    private static Point2D labelPoint(List<Position> route) {
        Position a = route.get(0);
        Position b = route.get(1);
        double longest = -1;
        for (int i = 1; i < route.size(); i++) {
            Position p = route.get(i - 1);
            Position q = route.get(i);
            double length = Math.abs(q.x() - p.x()) + Math.abs(q.y() - p.y());
            if (length > longest) {
                longest = length;
                a = p;
                b = q;
            }
        }
        return new Point2D((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }

    private static List<PathElement> copy(List<PathElement> elements) {
        List<PathElement> out = new ArrayList<>();
        for (PathElement e : elements) {
            if (e instanceof MoveTo m) {
                out.add(new MoveTo(m.getX(), m.getY()));
            } else if (e instanceof LineTo l) {
                out.add(new LineTo(l.getX(), l.getY()));
            } else if (e instanceof CubicCurveTo c) {
                out.add(new CubicCurveTo(c.getControlX1(), c.getControlY1(), c.getControlX2(), c.getControlY2(),
                        c.getX(), c.getY()));
            }
        }
        return out;
    }

    private static double reach(Point2D from, Point2D to, boolean sideways) {
        return Math.max(40, Math.abs(sideways ? to.getX() - from.getX() : to.getY() - from.getY()) / 2);
    }

    /**
     * Shapes a curve that leaves {@code from} downwards and arrives at {@code to} from above, or
     * ({@code sideways}) leaves to the right and arrives from the left: the connection being dragged.
     */
    static void bend(CubicCurve curve, Point2D from, Point2D to, boolean sideways) {
        double bend = reach(from, to, sideways);
        curve.setStartX(from.getX());
        curve.setStartY(from.getY());
        curve.setControlX1(from.getX() + (sideways ? bend : 0));
        curve.setControlY1(from.getY() + (sideways ? 0 : bend));
        curve.setControlX2(to.getX() - (sideways ? bend : 0));
        curve.setControlY2(to.getY() - (sideways ? 0 : bend));
        curve.setEndX(to.getX());
        curve.setEndY(to.getY());
    }

    /** Shows or hides the shape label. */
    void showLabel(boolean visible) {
        label.setVisible(visible);
    }

    /** Shows or hides the selection highlight. */
    void setSelected(boolean selected) {
        line.pseudoClassStateChanged(SELECTED, selected);
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
    Bounds extent() {
        return extent;
    }
}
