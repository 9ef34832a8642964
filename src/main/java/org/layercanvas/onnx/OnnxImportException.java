package org.layercanvas.onnx;

import java.io.IOException;
import java.util.List;

/**
 * Why an ONNX file cannot be imported: one message naming the file and the place, or the list of
 * nodes that cannot be mapped, each by node name and operator. Nothing is written when it is thrown.
 */
public final class OnnxImportException extends IOException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** One problem with the file as a whole. */
    public OnnxImportException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** One problem with the file as a whole, caused by {@code cause}. */
    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Problems with parts of the model; the message lists them all. */
    public OnnxImportException(String file, List<String> problems) {
        super(file + " cannot be imported; nothing was written:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Returns each problem, e.g. {@code node '/fc/Gemm_3': operator Einsum is not supported}. */
    public List<String> problems() {
        return problems;
    }
}
