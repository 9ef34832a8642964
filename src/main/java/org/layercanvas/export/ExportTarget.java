package org.layercanvas.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where an export writes: a hidden staging path beside the destination, moved into place only once
 * everything is written and verified, so a failed export never leaves half a model behind (nor
 * clobbers an earlier one).
 */
final class ExportTarget implements AutoCloseable {
    private final Path destination;
    private final Path staging;
    private boolean committed;

    private ExportTarget(Path destination, Path staging) {
        this.destination = destination;
        this.staging = staging;
    }

    /**
     * Prepares to write {@code destination}, a file or a folder.
     *
     * @throws IOException when the destination exists and is not what the export would replace
     */
    static ExportTarget of(Path destination) throws IOException {
        Path absolute = destination.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        if (Files.isDirectory(absolute) && !isEmptyOrExport(absolute)) {
            throw new IOException(destination + " is a folder that holds other files; choose a new or empty folder");
        }
        Path staging = parent.resolve("." + absolute.getFileName() + ".exporting-" + ProcessHandle.current().pid());
        delete(staging);
        return new ExportTarget(absolute, staging);
    }

    /** Returns the path to write to: a folder export's folder, or the single file. */
    Path staging() {
        return staging;
    }

    /** Returns where the export ends up. */
    Path destination() {
        return destination;
    }

    /** Moves the written export into place, replacing an earlier export there. */
    void commit() throws IOException {
        delete(destination);
        try {
            Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(staging, destination, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            delete(staging);
        }
    }

    private static boolean isEmptyOrExport(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.allMatch(f -> f.getFileName().toString().matches(
                    "model\\.py|train\\.py|weights\\.pt|data\\.pt|trained\\.pt|__pycache__|README\\.md|metadata\\.json|design\\.json"
                            + "|model-\\d+\\.params|.*\\.onnx"));
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
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
