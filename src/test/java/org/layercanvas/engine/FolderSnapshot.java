package org.layercanvas.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file and folder under a folder with its size, time and digest, to show that looking at it wrote nothing. */
public final class FolderSnapshot {
    private FolderSnapshot() {
    }

    /** Returns each path under {@code root}, relative to it, with what it holds. */
    public static Map<Path, String> of(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                files.put(root.relativize(p), Files.isDirectory(p) ? "folder " + Files.getLastModifiedTime(p)
                        : Files.size(p) + " " + Files.getLastModifiedTime(p) + " " + sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
