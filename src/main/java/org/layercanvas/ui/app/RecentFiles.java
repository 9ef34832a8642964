package org.layercanvas.ui.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The designs opened last, newest first, kept in a small text file (one absolute path a line) so
 * that they survive a restart. A list that cannot be read or written is simply empty.
 */
public final class RecentFiles {
    private static final int KEPT = 8;

    private final Path file;

    /** Keeps the list in {@code file}. */
    public RecentFiles(Path file) {
        this.file = file;
    }

    /** Returns the designs opened last that still exist, newest first. */
    public List<Path> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).map(Path::of)
                    .filter(Files::isRegularFile).toList();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** Puts {@code design} at the top of the list; returns whether the list was saved. */
    public boolean remember(Path design) {
        Path abs = design.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(list());
        next.remove(abs);
        next.add(0, abs);
        List<String> lines = next.subList(0, Math.min(KEPT, next.size())).stream().map(Path::toString).toList();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
