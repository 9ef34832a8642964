package org.layercanvas.graph;

/** Axes of one sample as layers take them: 0 is the first, -1 the last. */
final class Axes {
    private Axes() {
    }

    /** Returns whether {@code axis} names an axis of {@code shape}. */
    static boolean check(int axis, Shape shape) {
        return axis < shape.rank() && axis >= -shape.rank();
    }

    /** Returns {@code axis} counted from the front. */
    static int normalize(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    /** Returns the message for an axis that {@code shape} does not have. */
    static String outOfRange(int axis, Shape shape) {
        return "has axis " + axis + " but its input " + shape + " has " + shape.rank() + " axes";
    }
}
