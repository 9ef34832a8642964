package org.layercanvas.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.layercanvas.engine.RunFolder;

/**
 * Where an export writes, and the one rule of what it may replace, for every format. An export goes
 * to a new path, or to an empty folder; it replaces what is there only when asked, and then only an
 * earlier export of ours: a folder with this class's {@value #MARKER} file and nothing but export
 * files, or an ONNX file that LayerCanvas produced. It never writes inside a run folder, and never
 * through a symbolic link.
 *
 * <p>Everything is written into a hidden staging folder beside the destination,
 * {@code .NAME.exporting-PID/} (the export itself and any temporary files the check needs), moved
 * into place only once written and verified, so a failed export leaves nothing behind. A staging
 * folder that a killed process left is removed by the next export into the same folder.
 */
public final class ExportTarget implements AutoCloseable {
    /** The file that marks a folder as an export of ours. */
    public static final String MARKER = ".layercanvas-export";

    private static final Pattern STAGING = Pattern.compile("\\..+\\.exporting-(\\d+)");
    private static final Pattern EXPORT_FILE = Pattern.compile("model\\.py|train\\.py|weights\\.pt|data\\.pt"
            + "|trained\\.pt|__pycache__|README\\.md|metadata\\.json|design\\.json|model-\\d+\\.params|.*\\.onnx|"
            + Pattern.quote(MARKER));
    private static final int ONNX_PRODUCER = 2;
    private static final int ONNX_DOMAIN = 4;
    private static final int ONNX_GRAPH = 7;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path destination;
    private final Path staging;
    private final Path output;
    private final boolean replace;
    private boolean committed;

    /** What is at a destination, as an export sees it. */
    public enum State {
        /** Nothing, or an empty folder: an export goes there. */
        NEW,
        /** An earlier export of ours: an export replaces it when asked to (a confirmation, {@code --force}). */
        EARLIER_EXPORT,
        /** Something an export never replaces, or a place it never writes to. */
        REFUSED
    }

    /**
     * What exporting to a path would do.
     *
     * @param destination the path, absolute
     * @param state what is there
     * @param message for {@link State#NEW} empty; otherwise what is there and what to do, naming the path
     */
    public record Status(Path destination, State state, String message) {
        public Status {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(message, "message");
        }

        /** Returns whether exporting there replaces an earlier export, so a person should confirm it first. */
        public boolean replacesEarlierExport() {
            return state == State.EARLIER_EXPORT;
        }
    }

    private ExportTarget(Path destination, Path staging, boolean replace) {
        this.destination = destination;
        this.staging = staging;
        this.output = staging.resolve(destination.getFileName().toString());
        this.replace = replace;
    }

    /**
     * Says what exporting to {@code destination} would do: go there, replace an earlier export (only
     * when asked), or nothing, because of what is there. Reads at most a folder's listing and the
     * start of a file; writes nothing.
     */
    public static Status inspect(Path destination) {
        Path absolute = destination.toAbsolutePath().normalize();
        if (absolute.getParent() == null || absolute.getFileName() == null) {
            return refused(absolute, "it is a file system's root. Choose a file or folder to write.");
        }
        Optional<Path> run = enclosingRun(absolute);
        if (run.isPresent()) {
            return refused(absolute, "it is " + (run.get().equals(absolute) ? "a run folder" : "inside the run folder "
                    + run.get()) + ", and an export never writes there. Choose a path outside run folders.");
        }
        if (Files.isSymbolicLink(absolute)) {
            return refused(absolute, "it is a symbolic link. Choose another path.");
        }
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return new Status(absolute, State.NEW, "");
        }
        if (Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return producedOnnx(absolute) ? earlier(absolute, "an ONNX file LayerCanvas exported")
                    : refused(absolute, "a file is there that is not an earlier export of LayerCanvas, and an export"
                            + " never replaces it. Choose another path, or move the file away first.");
        }
        if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return refused(absolute, "it is neither a file nor a folder. Choose another path.");
        }
        List<String> names;
        try (Stream<Path> files = Files.list(absolute)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return refused(absolute, "its files cannot be listed (" + e.getMessage() + "). Choose another path.");
        }
        if (names.isEmpty()) {
            return new Status(absolute, State.NEW, "");
        }
        if (!markedAsExport(absolute)) {
            return refused(absolute, "it is a folder that is not an earlier export of LayerCanvas (it has no "
                    + MARKER + "), and an export never replaces it. Choose a new or empty folder.");
        }
        List<String> own = names.stream().filter(n -> !EXPORT_FILE.matcher(n).matches()).toList();
        if (!own.isEmpty()) {
            return refused(absolute, "it holds an earlier export and files of its own too (" + String.join(", ", own)
                    + "), which an export never replaces. Choose a new or empty folder.");
        }
        return earlier(absolute, "an earlier export of LayerCanvas");
    }

    private static Status refused(Path destination, String why) {
        return new Status(destination, State.REFUSED, "Refused to export to " + destination + ": " + why);
    }

    private static Status earlier(Path destination, String what) {
        return new Status(destination, State.EARLIER_EXPORT, destination + " holds " + what
                + "; an export replaces it only when asked to.");
    }

    /**
     * Prepares to write {@code destination}, a file or a folder, after removing the staging folders
     * that exports killed before they finished left beside it.
     *
     * @param replace whether to replace an earlier export of ours found there
     * @throws ExportTargetException when the destination is refused, or holds an earlier export and
     *     {@code replace} is false
     */
    static ExportTarget open(Path destination, boolean replace) throws IOException {
        Status status = inspect(destination);
        if (status.state() == State.REFUSED || (status.replacesEarlierExport() && !replace)) {
            throw new ExportTargetException(status);
        }
        Path absolute = status.destination();
        Path parent = Files.createDirectories(absolute.getParent());
        removeStaleStaging(parent);
        Path staging = parent.resolve("." + absolute.getFileName() + ".exporting-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(staging);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ExportException("another export to " + absolute + " is under way in this program; wait for it"
                    + " to finish", e);
        }
        return new ExportTarget(absolute, staging, replace);
    }

    /** Returns the path to write the export to: a folder export's folder, or the single file. */
    Path output() {
        return output;
    }

    /** Returns a folder for temporary files, inside the staging folder, created on first use. */
    Path temp() throws IOException {
        return Files.createDirectories(staging.resolve("tmp"));
    }

    /** Returns where the export ends up. */
    Path destination() {
        return destination;
    }

    /**
     * Moves the written export into place, replacing an earlier export there when that was asked
     * for; a folder export gets its {@value #MARKER} first.
     *
     * @param format the export's format, for the marker
     * @param run the run folder's name, for the marker
     */
    void commit(String format, String run) throws IOException {
        if (Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            Map<String, Object> marker = new LinkedHashMap<>();
            marker.put("format", "layercanvas-export");
            marker.put("version", 1);
            marker.put("exporter", format);
            marker.put("run", run);
            JSON.writeValue(output.resolve(MARKER).toFile(), marker);
        }
        // what is there is looked at again: it may have changed while the export was verified
        Status now = inspect(destination);
        if (now.state() == State.REFUSED || (now.replacesEarlierExport() && !replace)) {
            throw new ExportTargetException(now);
        }
        if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS) && now.state() == State.NEW) {
            try {
                Files.delete(destination);
            } catch (DirectoryNotEmptyException e) {
                throw new ExportTargetException(inspect(destination));
            }
        } else if (now.replacesEarlierExport()) {
            move(destination, staging.resolve(".replaced"));
        }
        move(output, destination);
        committed = true;
        delete(staging);
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            delete(staging);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Returns the run folder {@code path} is, or is inside, if any; links are resolved for the part that exists. */
    private static Optional<Path> enclosingRun(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            real = existing;
        }
        for (Path p = real; p != null; p = p.getParent()) {
            if (RunFolder.isRunFolder(p)) {
                return Optional.of(p);
            }
        }
        for (Path p = path; p != null; p = p.getParent()) {
            if (RunFolder.isRunFolder(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Returns whether a folder has our marker, or is a DJL export written before the marker was. */
    private static boolean markedAsExport(Path dir) {
        Path marker = dir.resolve(MARKER);
        Path legacy = dir.resolve(DjlExporter.METADATA);
        try {
            if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
                return "layercanvas-export".equals(JSON.readTree(marker.toFile()).path("format").asText());
            }
            if (Files.isRegularFile(legacy, LinkOption.NOFOLLOW_LINKS)) {
                JsonNode meta = JSON.readTree(legacy.toFile());
                return "layercanvas-djl-model".equals(meta.path("format").asText());
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /**
     * Returns whether a file is an ONNX model LayerCanvas produced: the fields before its graph name
     * us as producer ({@code producer_name}, field 2) and domain ({@code domain}, field 4).
     */
    static boolean producedOnnx(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            head = in.readNBytes(1 << 16);
        } catch (IOException e) {
            return false;
        }
        String producer = null;
        String domain = null;
        int[] at = {0};
        while (at[0] < head.length) {
            long tag = varint(head, at);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (tag <= 0 || field == ONNX_GRAPH) {
                break;
            }
            if (wire == 0) {
                varint(head, at);
            } else if (wire == 2) {
                long length = varint(head, at);
                if (length < 0 || at[0] + length > head.length) {
                    break;
                }
                String value = new String(head, at[0], (int) length, StandardCharsets.UTF_8);
                at[0] += (int) length;
                if (field == ONNX_PRODUCER) {
                    producer = value;
                } else if (field == ONNX_DOMAIN) {
                    domain = value;
                }
            } else if (wire == 1 || wire == 5) {
                at[0] += wire == 1 ? 8 : 4;
            } else {
                break;
            }
        }
        return "LayerCanvas".equals(producer) && "org.layercanvas".equals(domain);
    }

    /** Reads a protobuf varint at {@code at[0]}, moving past it; -1 when the bytes end inside it or it is too long. */
    private static long varint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64 && at[0] < bytes.length; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return -1;
    }

    /** Removes the staging folders beside an export that processes no longer running left. */
    private static void removeStaleStaging(Path parent) {
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path p : entries.toList()) {
                Matcher m = STAGING.matcher(p.getFileName().toString());
                if (m.matches() && !alive(m.group(1))) {
                    delete(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // what cannot be removed now is tried again by the next export
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Deletes a file or a folder with everything in it; links are removed, never followed. */
    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
