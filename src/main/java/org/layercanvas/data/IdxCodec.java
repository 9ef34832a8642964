package org.layercanvas.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files, the format MNIST ships in: a magic number, the dimensions as
 * big-endian integers, then unsigned bytes. A file may be gzip-compressed; that is recognised by
 * its first two bytes, whatever the file is called.
 */
public final class IdxCodec {
    /** The magic number of a file of unsigned-byte images (three dimensions: count, height, width). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of a file of unsigned-byte labels (one dimension: count). */
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int GZIP_FIRST = 0x1f;
    private static final int GZIP_SECOND = 0x8b;
    /** Deflate's largest compression ratio is about 1032 to 1. */
    private static final long MAX_GZIP_RATIO = 1032;

    private IdxCodec() {
    }

    /**
     * Images read from an IDX file.
     *
     * @param count the number of images read (at most the limit asked for)
     * @param height rows per image
     * @param width columns per image
     * @param pixels count × height × width unsigned bytes, image after image, row after row
     */
    public record Images(int count, int height, int width, byte[] pixels) {
        /** Checks that the pixels fill exactly {@code count} images. */
        public Images {
            if (count < 0 || height < 1 || width < 1 || pixels.length != (long) count * height * width) {
                throw new IllegalArgumentException(count + " images of " + height + "×" + width + " in "
                        + pixels.length + " bytes");
            }
        }
    }

    /**
     * Reads the first {@code limit} images (all of them if there are fewer) of an images file.
     *
     * @throws DataException when the file is missing, is not an images file, or ends early; the
     *     message names the file
     */
    public static Images readImages(Path file, int limit) throws DataException {
        String name = file.getFileName().toString();
        try (DataInputStream in = open(file)) {
            checkMagic(in, IMAGES_MAGIC, name);
            int total = dimension(in, name);
            int height = dimension(in, name);
            int width = dimension(in, name);
            if (height == 0 || width == 0) {
                throw new DataException(name + ": the header says images of " + height + "×" + width);
            }
            int count = Math.min(total, limit);
            long bytes = (long) count * height * width;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new DataException(name + ": " + count + " images of " + height + "×" + width
                        + " are too many to hold in memory; set a limit");
            }
            long available = available(file, 16, bytes, name, String.format(Locale.ROOT, "%d images of %d×%d",
                    total, height, width));
            if (available < bytes) {
                throw truncatedImages(name, total, height, width, (int) (available / ((long) height * width)));
            }
            byte[] pixels = new byte[(int) bytes];
            int read = readFully(in, pixels);
            if (read < pixels.length) {
                throw truncatedImages(name, total, height, width, read / (height * width));
            }
            return new Images(count, height, width, pixels);
        } catch (IOException e) {
            throw unreadable(name, file, e);
        }
    }

    /**
     * Reads the first {@code limit} labels (all of them if there are fewer) of a labels file.
     *
     * @throws DataException when the file is missing, is not a labels file, or ends early
     */
    public static byte[] readLabels(Path file, int limit) throws DataException {
        String name = file.getFileName().toString();
        try (DataInputStream in = open(file)) {
            checkMagic(in, LABELS_MAGIC, name);
            int total = dimension(in, name);
            long available = available(file, 8, Math.min(total, limit), name, total + " labels");
            if (available < Math.min(total, limit)) {
                throw new DataException(name + " is truncated: its header promises " + total
                        + " labels, but it ends after " + available);
            }
            byte[] labels = new byte[Math.min(total, limit)];
            int read = readFully(in, labels);
            if (read < labels.length) {
                throw new DataException(name + " is truncated: its header promises " + total
                        + " labels, but it ends after " + read);
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(name, file, e);
        }
    }

    /** Returns the number of items an IDX file's header announces, reading only the header. */
    public static int count(Path file) throws DataException {
        String name = file.getFileName().toString();
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC && magic != LABELS_MAGIC) {
                throw new DataException(name + ": not an IDX file of images or labels (" + what(magic) + ")");
            }
            return dimension(in, name);
        } catch (IOException e) {
            throw unreadable(name, file, e);
        }
    }

    /** Writes images as an IDX file, gzip-compressed if asked. */
    public static void writeImages(Path file, Images images, boolean gzip) throws IOException {
        try (DataOutputStream out = create(file, gzip)) {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(images.count());
            out.writeInt(images.height());
            out.writeInt(images.width());
            out.write(images.pixels());
        }
    }

    /** Writes labels (one unsigned byte each) as an IDX file, gzip-compressed if asked. */
    public static void writeLabels(Path file, byte[] labels, boolean gzip) throws IOException {
        try (DataOutputStream out = create(file, gzip)) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    private static DataException truncatedImages(String name, int total, int height, int width, int found) {
        return new DataException(String.format(Locale.ROOT,
                "%s is truncated: its header promises %d images of %d×%d, but it ends after %d of them",
                name, total, height, width, found));
    }

    /**
     * Returns how many bytes after the header an uncompressed file holds (at most {@code bytes}), before
     * memory is set aside for what its header promises; refuses a gzip file whose header promises more
     * than its size can hold (deflate packs at most about a thousand bytes into one).
     */
    private static long available(Path file, int header, long bytes, String name, String promised)
            throws IOException, DataException {
        long size = Files.size(file);
        if (!isGzip(file)) {
            return Math.min(bytes, Math.max(0, size - header));
        }
        if (bytes > size * MAX_GZIP_RATIO) {
            throw new DataException(String.format(Locale.ROOT, "%s is truncated or damaged: its header promises %s,"
                    + " more than its %,d compressed bytes can hold", name, promised, size));
        }
        return bytes;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_FIRST && in.read() == GZIP_SECOND;
        }
    }

    private static DataInputStream open(Path file) throws IOException, DataException {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new DataException(name + " is a folder, not an IDX file; give the path of the file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DataException(name + " is not a plain file (a device or a pipe); give the path of an IDX file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            if (first == GZIP_FIRST && second == GZIP_SECOND) {
                in = new BufferedInputStream(new EndAtCut(new GZIPInputStream(in, 1 << 16)), 1 << 16);
            }
            return new DataInputStream(in);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static DataOutputStream create(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (gzip) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }

    private static void checkMagic(DataInputStream in, int expected, String name) throws IOException, DataException {
        int magic = in.readInt();
        if (magic != expected) {
            throw new DataException(String.format(Locale.ROOT, "%s: not an IDX %s file: it starts with 0x%08X (%s),"
                    + " expected 0x%08X", name, expected == IMAGES_MAGIC ? "images" : "labels", magic, what(magic),
                    expected));
        }
    }

    private static String what(int magic) {
        if (magic == IMAGES_MAGIC) {
            return "IDX images";
        }
        if (magic == LABELS_MAGIC) {
            return "IDX labels";
        }
        if ((magic & 0xFFFF0000) == 0 && (magic & 0xFF00) == 0x0800) {
            return "IDX data of another type or shape";
        }
        return "not IDX";
    }

    private static int dimension(DataInputStream in, String name) throws IOException, DataException {
        int d = in.readInt();
        if (d < 0) {
            throw new DataException(name + ": the header has a negative size, " + d);
        }
        return d;
    }

    /**
     * A gzip stream that ends where its data is cut off: a cut-off gzip stream throws instead of
     * ending, and a buffered reader above it then drops the bytes it had already read in that call,
     * so a truncated file seemed to hold none of its images.
     */
    private static final class EndAtCut extends FilterInputStream {
        EndAtCut(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (EOFException cut) {
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (EOFException cut) {
                return -1;
            }
        }
    }

    /** Reads until the array is full or the data ends, and returns how many bytes were read. */
    private static int readFully(InputStream in, byte[] into) throws IOException {
        int total = 0;
        try {
            while (total < into.length) {
                int n = in.read(into, total, into.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (EOFException e) {
            // A cut-off gzip stream ends with an exception instead of -1; what arrived still counts.
        }
        return total;
    }

    private static DataException unreadable(String name, Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(name + ": no such file (" + file.toAbsolutePath() + ")", e);
        }
        if (e instanceof EOFException) {
            return new DataException(name + " is truncated: it ends inside its header", e);
        }
        if (e instanceof ZipException) {
            return new DataException(name + ": broken gzip data (" + e.getMessage() + ")", e);
        }
        return new DataException(name + ": cannot read: " + e.getMessage(), e);
    }
}
