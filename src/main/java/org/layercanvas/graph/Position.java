package org.layercanvas.graph;

/** Where a node sits on the canvas, in canvas units. */
public record Position(double x, double y) {
    /** The origin. */
    public static final Position ORIGIN = new Position(0, 0);

    public Position {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("position must be finite: " + x + ", " + y);
        }
    }

    /** Returns this position moved by (dx, dy). */
    public Position plus(double dx, double dy) {
        return new Position(x + dx, y + dy);
    }
}
