package org.layercanvas.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * The one naming scheme every export uses: each node's design name turned into an identifier that
 * Python, PyTorch's module attributes and ONNX all accept ({@code conv 1} becomes {@code conv_1}),
 * unique within the design, so a layer is found under the same name in every exported file.
 *
 * <p>A layer inside a block is named by its path: the block instance's name, a repeated block's copy
 * number, and the layer's name in the block's body, each part an identifier of its own and unique
 * among its neighbours ({@code stage2/block1/conv2}, {@code stage2/1/conv}). ONNX writes the path as
 * it is, PyTorch nests one module per part, and a forward pass's variable joins the parts
 * ({@code stage2_block1_conv2}). Layers outside blocks are named exactly as in a design without any.
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

    /**
     * A block instance as the export nests it, or one copy of a repeated instance.
     *
     * @param path the parts of its name, e.g. {@code [stage2]} or, for a copy, {@code [stage2, 1]}
     * @param block the name of the block's definition
     * @param repeat how many copies of the block the instance chains
     * @param copy which copy this is, from 1; 0 for the instance itself
     */
    public record Group(List<String> path, String block, int repeat, int copy) {
        public Group {
            path = List.copyOf(path);
        }
    }

    private final Map<String, List<String>> paths = new HashMap<>();
    private final Map<String, String> variables = new HashMap<>();
    private final List<Group> groups = new ArrayList<>();

    private ExportNames(Graph design) {
        Graph layers = Exporter.expanded(design);
        Set<String> expandedIds = new HashSet<>();
        layers.nodes().forEach(n -> expandedIds.add(n.id()));
        name(design, design.blocks(), "", List.of(), expandedIds);
        Set<String> taken = new HashSet<>();
        // a layer outside blocks is its own variable; those inside take what is left
        paths.forEach((id, path) -> {
            if (path.size() == 1) {
                taken.add(path.get(0).toLowerCase(Locale.ROOT));
                variables.put(id, path.get(0));
            }
        });
        for (LayerNode node : layers.nodes()) {
            List<String> path = paths.get(node.id());
            if (path != null && path.size() > 1) {
                variables.put(node.id(), claim(taken, String.join("_", path)));
            }
        }
    }

    /**
     * Names the nodes of one graph, the design or a block's body under {@code prefix}: layers by
     * their expanded ids, expanded instances as groups whose bodies are named inside them.
     */
    private void name(Graph graph, Map<String, BlockDefinition> definitions, String idPrefix, List<String> prefix,
            Set<String> expandedIds) {
        Set<String> taken = new HashSet<>();
        for (LayerNode node : graph.nodes()) {
            String id = idPrefix + node.id();
            boolean layer = expandedIds.contains(id);
            if (!layer && !(node.spec() instanceof Block)) {
                continue; // a body's own input or output: no layer of its own
            }
            List<String> path = append(prefix, claim(taken, identifier(node.name())));
            if (layer) {
                paths.put(id, path);
                continue;
            }
            Block block = (Block) node.spec();
            BlockDefinition definition = definitions.get(block.definition());
            groups.add(new Group(path, definition.name(), block.repeat(), 0));
            if (block.repeat() == 1) {
                name(definition.body(), definitions, id + "/", path, expandedIds);
                continue;
            }
            for (int copy = 1; copy <= block.repeat(); copy++) {
                List<String> copyPath = append(path, String.valueOf(copy));
                groups.add(new Group(copyPath, definition.name(), block.repeat(), copy));
                name(definition.body(), definitions, id + "/" + copy + "/", copyPath, expandedIds);
            }
        }
    }

    /** Returns the export names of a design's layers, its blocks expanded ({@link Exporter#expanded}). */
    public static ExportNames of(Graph design) {
        return new ExportNames(design);
    }

    /**
     * Returns the export name of the layer {@code id} (an id of the expanded design): {@code conv_1},
     * or a path for a layer inside a block, {@code stage2/block1/conv2}.
     */
    public String of(String id) {
        return String.join("/", path(id));
    }

    /** Returns the parts of a layer's export name: one for a layer outside blocks. */
    public List<String> path(String id) {
        List<String> path = paths.get(id);
        if (path == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return path;
    }

    /** Returns a plain identifier for the layer's output, unique in the design: its path joined by {@code _}. */
    public String variable(String id) {
        path(id);
        return variables.get(id);
    }

    /** Returns the block instances and their copies, each before the groups and layers inside it. */
    public List<Group> groups() {
        return List.copyOf(groups);
    }

    /** Returns whether a part of a path is a repeated block's copy number rather than a name. */
    public static boolean isCopy(String part) {
        return !part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String claim(Set<String> taken, String base) {
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private static List<String> append(List<String> path, String part) {
        List<String> out = new ArrayList<>(path);
        out.add(part);
        return List.copyOf(out);
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
