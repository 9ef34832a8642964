package org.layercanvas.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.layercanvas.onnx.proto.ModelProto;
import org.layercanvas.onnx.proto.OperatorSetIdProto;

/**
 * Reads an ONNX file into its typed {@link ModelProto} and checks what every import needs: a graph,
 * and an ONNX operator set this version reads. Each failure is one message that names the file.
 */
final class OnnxModelFile {
    /** The oldest ONNX operator set whose operators the import maps. */
    static final int OLDEST_OPSET = 11;
    /** The newest ONNX operator set whose operators the import maps. */
    static final int NEWEST_OPSET = 17;
    /** The largest file protobuf reads in one message. */
    private static final long LIMIT = Integer.MAX_VALUE;

    private OnnxModelFile() {
    }

    /** A parsed model and the ONNX operator set it is written against. */
    record Parsed(ModelProto model, int opset) {
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws OnnxImportException naming the file when it is missing, empty, truncated, not ONNX, or
     *     of an operator set outside {@value #OLDEST_OPSET}–{@value #NEWEST_OPSET}
     */
    static Parsed read(Path file) throws OnnxImportException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new OnnxImportException(file + ": no such file");
        } catch (IOException e) {
            throw new OnnxImportException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new OnnxImportException(file + " is empty, not an ONNX model");
        }
        if (size > LIMIT) {
            throw new OnnxImportException(file + " is " + size / (1 << 20) + " MB, larger than the 2 GB one ONNX file"
                    + " can hold; a model this big keeps its weights in external data, which LayerCanvas does not read");
        }
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(coded);
        } catch (InvalidProtocolBufferException e) {
            String why = e.getMessage() != null && e.getMessage().contains("truncated")
                    ? "it ends in the middle of a message (truncated?)" : "it is not a protocol buffer (" + e.getMessage() + ")";
            throw new OnnxImportException(file + " is not a readable ONNX model: " + why, e);
        } catch (OutOfMemoryError e) {
            throw new OnnxImportException(file + " (" + size / (1 << 20) + " MB) does not fit in the memory this"
                    + " program may use; start it with a larger -Xmx", e);
        } catch (IOException e) {
            throw new OnnxImportException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (model.getIrVersion() <= 0 || !model.hasGraph()) {
            throw new OnnxImportException(file + " is not an ONNX model: it has no "
                    + (model.getIrVersion() <= 0 ? "IR version" : "graph"));
        }
        int opset = -1;
        for (OperatorSetIdProto set : model.getOpsetImportList()) {
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                opset = (int) set.getVersion();
            }
        }
        if (opset < 0) {
            throw new OnnxImportException(file + " is not an ONNX model LayerCanvas reads: it imports no ONNX operator set");
        }
        if (opset > NEWEST_OPSET) {
            throw new OnnxImportException(file + " uses ONNX opset " + opset + ", newer than the newest LayerCanvas"
                    + " reads (" + NEWEST_OPSET + "); export it again with opset_version=" + NEWEST_OPSET);
        }
        if (opset < OLDEST_OPSET) {
            throw new OnnxImportException(file + " uses ONNX opset " + opset + ", older than the oldest LayerCanvas"
                    + " reads (" + OLDEST_OPSET + "); convert it with onnx.version_converter");
        }
        return new Parsed(model, opset);
    }
}
