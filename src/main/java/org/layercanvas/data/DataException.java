package org.layercanvas.data;

import java.util.Objects;
import java.util.Optional;

/**
 * Data that cannot be used, with a message for a person that says what and where, e.g.
 * {@code iris.csv line 17, column petal_width: "abc" is not a number}.
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient UnsetKey unset;

    /** Creates the exception with a message for a person. */
    public DataException(String message) {
        super(message);
        this.unset = null;
    }

    /** Creates the exception for a key the section must have and does not, e.g. {@code dataset.file: missing}. */
    public DataException(String message, UnsetKey unset) {
        super(message);
        this.unset = Objects.requireNonNull(unset, "unset");
    }

    /** Creates the exception with a message for a person and the low-level cause. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
        this.unset = null;
    }

    /** Returns the required key that is not set, when that is what is wrong. */
    public Optional<UnsetKey> unset() {
        return java.util.Optional.ofNullable(unset);
    }
}
