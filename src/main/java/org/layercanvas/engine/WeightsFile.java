package org.layercanvas.engine;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes a block's weights as a DJL params file; writes go through a temporary file. */
final class WeightsFile {
    private WeightsFile() {
    }

    /** Writes the block's weights to {@code file}, replacing it in one rename. */
    static void save(Block block, Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp); DataOutputStream data = new DataOutputStream(out)) {
            block.saveParameters(data);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Loads weights into an initialized block.
     *
     * @throws IOException when the file cannot be read or holds weights of another design
     */
    static void load(Block block, NDManager manager, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            block.loadParameters(manager, data);
        } catch (MalformedModelException | IllegalArgumentException | IllegalStateException e) {
            throw new IOException(file + " does not hold weights of this design: " + e.getMessage(), e);
        }
    }
}
