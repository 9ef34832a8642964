package org.layercanvas.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a text data file (a CSV table) as UTF-8, refusing early what cannot be one: a folder, a
 * device or pipe (such as {@code /dev/zero}), UTF-16 text, text with NUL characters, or a line longer
 * than {@value #MAX_LINE} characters. So a wrong file gives a message naming it, never an
 * out-of-memory error after a minute of reading.
 */
public final class TextReader extends Reader {
    /** The longest line read: far more than any table's row. */
    public static final int MAX_LINE = 1_000_000;

    private final Reader in;
    private final String name;
    private long line = 1;
    private int column;

    private TextReader(Reader in, String name) {
        this.in = in;
        this.name = name;
    }

    /**
     * Opens {@code file} for reading.
     *
     * @param name how messages name the file, e.g. {@code iris.csv}
     * @throws DataException when it is missing, not a plain file, or UTF-16 text
     */
    public static TextReader open(Path file, String name) throws DataException {
        if (Files.isDirectory(file)) {
            throw new DataException(name + " is a folder, not a file; give the path of the file to read");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DataException(name + " is not a plain file (a device or a pipe); give the path of a file");
        }
        try {
            InputStream bytes = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            bytes.mark(2);
            int first = bytes.read();
            int second = bytes.read();
            bytes.reset();
            if ((first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF)) {
                bytes.close();
                throw new DataException(name + " is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)");
            }
            return new TextReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()), name);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": no such file (" + file.toAbsolutePath() + ")", e);
        } catch (AccessDeniedException e) {
            throw new DataException(name + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = offset; i < offset + Math.max(n, 0); i++) {
            char c = buffer[i];
            if (c == '\n') {
                line++;
                column = 0;
            } else if (c == 0) {
                throw new NotText(String.format(Locale.ROOT, "%s line %d holds a NUL character, so it is not a text"
                        + " file (is it the right file?)", name, line));
            } else if (++column > MAX_LINE) {
                throw new NotText(String.format(Locale.ROOT, "%s line %d is longer than %,d characters, so it is not"
                        + " a table (is it the right file?)", name, line, MAX_LINE));
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Returns what a reading error means for a person, naming the file: for text that is not UTF-8,
     * for this reader's refusals, and for anything else that went wrong (a CSV parser's errors come
     * wrapped in {@link UncheckedIOException}).
     */
    public static DataException problem(String name, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NotText notText) {
            return new DataException(notText.getMessage(), e);
        }
        if (cause instanceof CharacterCodingException) {
            return new DataException(name + " is not UTF-8 text; save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)", e);
        }
        if (e instanceof UncheckedIOException) {
            return new DataException(name + ": not readable as CSV: " + cause.getMessage(), e);
        }
        return new DataException(name + ": cannot read: " + cause.getMessage(), e);
    }

    /** Text that is not a table's: a NUL character, or a line without end. */
    private static final class NotText extends IOException {
        private static final long serialVersionUID = 1L;

        NotText(String message) {
            super(message);
        }
    }
}
