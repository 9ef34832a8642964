package org.layercanvas.export;

import java.io.IOException;
import java.util.Objects;

/**
 * An export refused for where it would go: inside a run folder, over something that is not an
 * earlier export of ours, or over an earlier export without being asked to replace it. Nothing was
 * written; {@link #status()} says which, so a caller can ask to replace an earlier export.
 */
public final class ExportTargetException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ExportTarget.Status status;

    ExportTargetException(ExportTarget.Status status) {
        super(status.message());
        this.status = Objects.requireNonNull(status, "status");
    }

    /** Returns what is at the destination, and why the export did not go there. */
    public ExportTarget.Status status() {
        return status;
    }
}
