package org.layercanvas.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;

/**
 * A terminal's output with every control character escaped: a design, layer or file name that holds
 * an escape sequence (or a carriage return, or a bidirectional override) is printed as
 * {@code \u001b[31m}, never acted on by the terminal. Newlines and tabs pass. The escapes are
 * JSON's, so {@code --json} output stays valid JSON. The command line's own control sequences (a
 * progress bar redrawn in place) go through {@link #raw}.
 */
final class TerminalOut extends PrintWriter {
    private final Writer target;

    /** Prints to {@code target}, escaped, flushing at every line. */
    TerminalOut(Writer target) {
        super(new Escaping(target), true);
        this.target = target;
    }

    /** Writes a control sequence of the command line's own as it is. */
    void raw(String sequence) {
        flush();
        try {
            target.write(sequence);
            target.flush();
        } catch (IOException e) {
            setError();
        }
    }

    /** Returns {@code text} as {@link TerminalOut} prints it. */
    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    private static boolean isControl(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return Character.getType(c) == Character.CONTROL || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029';
    }

    /** Escapes what passes through it. */
    private static final class Escaping extends FilterWriter {
        Escaping(Writer target) {
            super(target);
        }

        @Override
        public void write(int c) throws IOException {
            out.write(escape(String.valueOf((char) c)));
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            out.write(escape(new String(buffer, offset, length)));
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            out.write(escape(text.substring(offset, offset + length)));
        }
    }
}
