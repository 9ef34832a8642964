package org.layercanvas.ui.canvas;

import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/** The canvas's view of the design: a scale and a pan from design units to the canvas's pixels. */
final class Viewport {
    /** The smallest zoom. */
    static final double MIN_ZOOM = 0.1;
    /** The largest zoom. */
    static final double MAX_ZOOM = 3;

    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Translate pan = new Translate();

    /** Puts the transforms on the group that holds the design. */
    void attach(Group world) {
        world.getTransforms().addAll(pan, zoom);
    }

    /** Returns the zoom, 1 at 100 %. */
    double scale() {
        return zoom.getX();
    }

    /** Returns the zoom as it changes. */
    ObservableDoubleValue scaleProperty() {
        return zoom.xProperty();
    }

    /** Returns a point of the canvas in design units. */
    Point2D toWorld(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.getX(), (y - pan.getY()) / zoom.getY());
    }

    /** Returns a point of the design in the canvas's pixels. */
    Point2D toScreen(double x, double y) {
        return new Point2D(x * zoom.getX() + pan.getX(), y * zoom.getY() + pan.getY());
    }

    /** Zooms by {@code factor}, kept within bounds, so that the point under ({@code x}, {@code y}) stays put. */
    void zoomAt(double factor, double x, double y) {
        double next = clamp(zoom.getX() * factor);
        Point2D anchor = toWorld(x, y);
        setScale(next);
        pan.setX(x - anchor.getX() * next);
        pan.setY(y - anchor.getY() * next);
    }

    /** Sets the zoom, kept within bounds, without moving the pan. */
    void setScale(double s) {
        double next = clamp(s);
        zoom.setX(next);
        zoom.setY(next);
    }

    /** Pans by a distance in pixels. */
    void panBy(double dx, double dy) {
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
    }

    /** Pans so that the design point ({@code x}, {@code y}) is at the canvas pixel ({@code sx}, {@code sy}). */
    void place(double x, double y, double sx, double sy) {
        pan.setX(sx - x * zoom.getX());
        pan.setY(sy - y * zoom.getY());
    }

    private static double clamp(double s) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, s));
    }
}
