package org.layercanvas.data;

/**
 * Data that cannot be used, with a message for a person that says what and where, e.g.
 * {@code iris.csv line 17, column petal_width: "abc" is not a number}.
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for a person. */
    public DataException(String message) {
        super(message);
    }

    /** Creates the exception with a message for a person and the low-level cause. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
