package org.layercanvas.export;

import java.io.IOException;
import java.util.List;

/** An export that was refused or failed; nothing was left at the destination. */
public final class ExportException extends IOException {
    private final List<String> problems;

    /** Creates an exception listing each problem, e.g. one per node the format cannot express. */
    public ExportException(String summary, List<String> problems) {
        super(problems.isEmpty() ? summary : summary + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Creates an exception with one message. */
    public ExportException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** Returns the problems one by one (empty when there is just the message). */
    public List<String> problems() {
        return problems;
    }
}
