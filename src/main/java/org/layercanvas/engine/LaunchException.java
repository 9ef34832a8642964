package org.layercanvas.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A run that cannot start, with every problem that stops it; thrown by {@link RunLauncher}. */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<Readiness.Problem> problems;
    private final String description;

    /**
     * Creates the exception.
     *
     * @param problems what stops the run, at least one
     * @param description what the data is when it loaded, else empty
     */
    public LaunchException(List<Readiness.Problem> problems, String description) {
        super(problems.stream().map(Readiness.Problem::text).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refused run has a reason");
        }
        this.problems = List.copyOf(problems);
        this.description = description;
    }

    /** Creates the exception for one problem. */
    LaunchException(Readiness.Cause cause, String message) {
        this(List.of(new Readiness.Problem(cause, message)), "");
    }

    /** Returns what stops the run, in the order the checks ran. */
    public List<Readiness.Problem> problems() {
        return problems;
    }

    /** Returns what the data is when it loaded (e.g. {@code iris.csv: 150 samples (…)}), else empty text. */
    public String description() {
        return description;
    }
}
