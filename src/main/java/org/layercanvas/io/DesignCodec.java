package org.layercanvas.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * Reads and writes design files: versioned JSON documented in {@code docs/file-format.md}.
 *
 * <p>Reading never shows a person a stack trace: anything wrong in the file is a
 * {@link DesignFormatException} naming the file, the line and column, the JSON path and the problem.
 * Writing goes to a temporary file that replaces the target in one rename, so a crash mid-save leaves
 * the old file whole.
 */
public final class DesignCodec {
    /** The value of the {@code format} field that marks a design file. */
    public static final String FORMAT = "layercanvas-design";
    /**
     * The newest format version this code reads and writes: 2 added block definitions. A design
     * without blocks is still written as version 1, so the releases before blocks keep reading it.
     */
    public static final int VERSION = 2;

    /** The largest design file read: far above any real design (500 layers take about 200 KB). */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private final ObjectMapper mapper;

    /** Creates a codec. */
    public DesignCodec() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        mapper = JsonMapper.builder(factory)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .build();
    }

    /** Reads a design file. */
    public Design read(Path file) throws IOException {
        return parse(readBytes(file), file.toString());
    }

    /**
     * Returns the bytes of a design file, refusing what cannot be one before reading much of it: a
     * folder, a file above {@value #MAX_BYTES} bytes, or a device or pipe that gives more (read with that
     * limit).
     *
     * @throws DesignFormatException naming the file and what it is instead
     */
    public static byte[] readBytes(Path file) throws DesignFormatException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new DesignFormatException(source, 0, 0, "", "is a folder, not a design file; give the path of"
                    + " a design's .json file");
        }
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw tooLarge(source, Files.size(file));
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw tooLarge(source, -1);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new DesignFormatException(source, 0, 0, "", "no such file");
        } catch (AccessDeniedException e) {
            throw new DesignFormatException(source, 0, 0, "", "cannot be read: permission denied");
        } catch (DesignFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DesignFormatException(source, 0, 0, "", "cannot be read: "
                    + (e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage()));
        }
    }

    private static DesignFormatException tooLarge(String source, long size) {
        String what = size < 0 ? "gives more than 64 MB"
                : size >= 1e9 ? String.format(Locale.ROOT, "is %.1f GB", size / 1e9)
                : String.format(Locale.ROOT, "is %.0f MB", size / 1e6);
        return new DesignFormatException(source, 0, 0, "", what + "; a design file is at most 64 MB, so this is"
                + " not one (check the path)");
    }

    /**
     * Parses a design from its bytes.
     *
     * @param source the file's name, for messages
     */
    public Design parse(byte[] bytes, String source) throws DesignFormatException {
        return new DesignReader(mapper, bytes, source).read();
    }

    /** Returns a design as the bytes of its file. */
    public byte[] toBytes(Design design) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", design.graph().blocks().isEmpty() ? 1 : VERSION);
        root.put("name", design.name());
        if (design.flow() != Flow.TOP_DOWN) {
            root.put("flow", design.flow().key());
        }
        writeGraph(root, design.graph());
        if (!design.graph().blocks().isEmpty()) {
            ObjectNode blocks = root.putObject("blocks");
            design.graph().blocks().forEach((id, d) -> {
                ObjectNode o = blocks.putObject(id);
                o.put("name", d.name());
                writeGraph(o, d.body());
            });
        }
        if (!design.dataset().isEmpty()) {
            root.set("dataset", mapper.valueToTree(design.dataset()));
        }
        if (!design.training().isEmpty()) {
            root.set("training", mapper.valueToTree(design.training()));
        }
        try {
            byte[] json = mapper.writeValueAsBytes(root);
            byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (IOException e) {
            throw new IllegalStateException("a design tree could not be written as JSON", e);
        }
    }

    /** Writes a graph's layers and connections into {@code root}. */
    private void writeGraph(ObjectNode root, Graph graph) {
        ArrayNode nodes = root.putArray("nodes");
        for (LayerNode n : graph.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("name", n.name());
            o.put("kind", n.kind());
            o.put("x", n.position().x());
            o.put("y", n.position().y());
            Map<String, Object> values = n.spec().type().values(n.spec());
            if (!values.isEmpty()) {
                ObjectNode params = o.putObject("params");
                values.forEach((k, v) -> params.set(k, mapper.valueToTree(v)));
            }
        }
        ArrayNode edges = root.putArray("edges");
        for (Edge e : graph.edges()) {
            ObjectNode o = edges.addObject();
            o.put("from", e.from());
            o.put("to", e.to());
            if (e.port() != 0) {
                o.put("port", e.port());
            }
        }
    }

    /**
     * Writes a design atomically: to a temporary file beside the target, flushed to disk, then renamed
     * over it. A crash at any point leaves either the old file or the new one, never half of one.
     */
    public void write(Design design, Path file) throws IOException {
        writeAtomically(toBytes(design), file);
    }

    /** Writes bytes to a file atomically, as {@link #write} does. */
    public static void writeAtomically(byte[] bytes, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Returns the names of the top-level fields a design file may have. */
    static List<String> topLevelFields() {
        return List.of("format", "version", "name", "flow", "nodes", "edges", "blocks", "dataset", "training");
    }
}
