package org.layercanvas.engine;

import java.io.IOException;

/**
 * Something in a run folder that stops reading or writing it (a symbolic link where a file should be,
 * a damaged checkpoint or log, a design snapshot changed after training), with what to do about it.
 */
public final class RunFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * Creates the exception.
     *
     * @param message what file, and what is wrong with it
     * @param hint what a person can do about it, or empty
     */
    public RunFolderException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** Creates the exception for a cause a reader or writer threw. */
    public RunFolderException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** Returns what a person can do about it, or empty text. */
    public String hint() {
        return hint;
    }

    /** Returns the message and the hint as one text, for a person to read. */
    public String fullMessage() {
        return hint.isEmpty() ? getMessage() : getMessage() + " " + hint;
    }
}
