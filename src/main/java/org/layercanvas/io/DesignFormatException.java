package org.layercanvas.io;

import java.io.IOException;

/**
 * A design file that cannot be read, with where and why: {@code file:line:column: path: problem}.
 */
public final class DesignFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /**
     * Describes a problem in a design file.
     *
     * @param source the file's name as the person gave it
     * @param line the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown
     * @param path the JSON path of the offending value ({@code nodes[3].kind}), or empty
     * @param problem what is wrong
     */
    public DesignFormatException(String source, int line, int column, String path, String problem) {
        super(format(source, line, column, path, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    private static String format(String source, int line, int column, String path, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** Returns the file's name. */
    public String source() {
        return source;
    }

    /** Returns the 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** Returns the JSON path of the offending value, or empty. */
    public String path() {
        return path;
    }

    /** Returns what is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
