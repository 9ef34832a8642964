package org.layercanvas.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * The one naming scheme every export uses: each node's design name turned into an identifier that
 * Python, PyTorch's module attributes and ONNX all accept ({@code conv 1} becomes {@code conv_1}),
 * unique within the design, so a layer is found under the same name in every exported file.
 */
public final class ExportNames {
    /** Python keywords and {@code nn.Module} members a layer attribute must not shadow. */
    private static final Set<String> RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
            "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
            "return", "try", "while", "with", "yield", "forward", "training", "eval", "train", "parameters",
            "modules", "children", "state_dict", "load_state_dict", "to", "cuda", "cpu", "float", "double",
            "half", "type", "apply", "buffers", "zero_grad", "register_buffer", "add_module", "x", "torch", "nn",
            "F", "self");

    private final Map<String, String> byId = new HashMap<>();

    private ExportNames(Graph graph) {
        Set<String> taken = new HashSet<>();
        for (LayerNode node : graph.nodes()) {
            String base = identifier(node.name());
            String name = base;
            for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
                name = base + "_" + i;
            }
            byId.put(node.id(), name);
        }
    }

    /** Returns the export names of a design's nodes. */
    public static ExportNames of(Graph graph) {
        return new ExportNames(graph);
    }

    /** Returns the export name of the node {@code id}. */
    public String of(String id) {
        String name = byId.get(id);
        if (name == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return name;
    }

    static String identifier(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.strip().toCharArray()) {
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        String s = b.toString().replaceAll("_+", "_");
        if (s.isEmpty() || s.equals("_")) {
            s = "layer";
        }
        if (Character.isDigit(s.charAt(0))) {
            s = "layer_" + s;
        }
        return RESERVED.contains(s) ? s + "_" : s;
    }
}
