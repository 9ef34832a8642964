package org.layercanvas.io;

import org.layercanvas.graph.Design;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Autosaved copies of designs with unsaved changes, so that a crash loses at most a few seconds of
 * work. Each open design has one recovery file ({@code <key>.json}) and a note of the file it
 * belongs to ({@code <key>.source}); both go when the design is saved or its changes are discarded.
 */
public final class RecoveryStore {
    private static final String JSON = ".json";
    private static final String SOURCE = ".source";

    private final Path dir;
    private final DesignCodec codec = new DesignCodec();

    /** Keeps recovery files in {@code dir}. */
    public RecoveryStore(Path dir) {
        this.dir = dir;
    }

    /** Returns the store in {@code ~/.layercanvas/recovery}, or where {@code layercanvas.home} says. */
    public static RecoveryStore standard() {
        String home = System.getProperty("layercanvas.home",
                Path.of(System.getProperty("user.home"), ".layercanvas").toString());
        return new RecoveryStore(Path.of(home, "recovery"));
    }

    /**
     * A design found in the store.
     *
     * @param design the autosaved design
     * @param source the file it belongs to, or {@code null} for a design never saved
     * @param key the store's key, to discard it
     */
    public record Recovered(Design design, Path source, String key) {
    }

    /** Writes the autosave of the design that belongs to {@code source} (null: never saved), atomically. */
    public void save(Design design, Path source) throws IOException {
        String key = key(source);
        Files.createDirectories(dir);
        DesignCodec.writeAtomically(codec.toBytes(design), dir.resolve(key + JSON));
        DesignCodec.writeAtomically(
                (source == null ? "" : source.toAbsolutePath().toString()).getBytes(StandardCharsets.UTF_8),
                dir.resolve(key + SOURCE));
    }

    /** Removes the autosave of the design that belongs to {@code source}. */
    public void discard(Path source) throws IOException {
        discardKey(key(source));
    }

    /** Removes an autosave by its key. */
    public void discardKey(String key) throws IOException {
        Files.deleteIfExists(dir.resolve(key + JSON));
        Files.deleteIfExists(dir.resolve(key + SOURCE));
    }

    /** Returns every autosave that can still be read; unreadable ones are left for a person to inspect. */
    public List<Recovered> list() throws IOException {
        List<Recovered> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(JSON)).sorted().toList()) {
                String name = f.getFileName().toString();
                String key = name.substring(0, name.length() - JSON.length());
                Path sourceNote = dir.resolve(key + SOURCE);
                String source = Files.exists(sourceNote) ? Files.readString(sourceNote).trim() : "";
                try {
                    out.add(new Recovered(codec.read(f), source.isEmpty() ? null : Path.of(source), key));
                } catch (DesignFormatException e) {
                    // a recovery file cut short by a crash during the autosave itself: skip it
                }
            }
        }
        return out;
    }

    private static String key(Path source) {
        if (source == null) {
            return "untitled";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(source.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
