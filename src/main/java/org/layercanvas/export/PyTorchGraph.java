package org.layercanvas.export;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Shape;

/**
 * A design as the PyTorch files see it: its nodes in the order they run, each one's export name,
 * input and output shapes per sample, and the module's class name. A design with blocks is seen as
 * the layers it stands for ({@link Exporter#expanded}), each inside the modules its path names
 * ({@code self.stage2.block1.conv2}). Built only for designs that passed {@link Compatibility}.
 */
final class PyTorchGraph {
    /** Names model.py already uses, which the class must not take. */
    private static final Set<String> TAKEN = Set.of("Add", "Concat", "GlobalAvgPool", "GlobalMaxPool", "Reshape",
            "TokenEmbedding", "SequenceLSTM", "SequenceGRU", "SequenceRNN", "INPUT_SHAPE", "CLASS_NAMES", "Multiply", "Subtract",
            "Maximum", "Average", "Crop", "Attention", "PositionalEmbedding", "Permute", "Squeeze", "Unsqueeze", "Reduce");

    private final Graph graph;
    private final Analysis analysis;
    private final ExportNames names;
    private final String className;

    PyTorchGraph(Graph design, String designName) {
        this.graph = Exporter.expanded(design);
        this.analysis = Analysis.of(graph);
        this.names = ExportNames.of(design);
        this.className = className(designName);
    }

    /** Returns the nodes in the order the layers run. */
    List<LayerNode> ordered() {
        return analysis.order().stream().map(graph::node).toList();
    }

    /**
     * Returns where a layer's module sits, as written after {@code self.}: its name, or for a layer
     * inside a block its path through the block's modules, {@code stage2.block1.conv2}, a repeated
     * block's copies by number, {@code stage2["1"].conv}.
     */
    String attribute(String id) {
        return attribute(names.path(id));
    }

    /** Returns the parts of a layer's export name, one per block it lies in and its own. */
    List<String> path(String id) {
        return names.path(id);
    }

    /** Returns the Python that reaches the module at {@code path} from {@code self.}. */
    static String attribute(List<String> path) {
        StringBuilder b = new StringBuilder();
        for (String part : path) {
            if (ExportNames.isCopy(part)) {
                b.append("[\"").append(part).append("\"]");
            } else {
                b.append(b.isEmpty() ? "" : ".").append(part);
            }
        }
        return b.toString();
    }

    /** Returns the prefix of a layer's entries in the state dict: its path joined by dots, {@code stage2.1.conv}. */
    String stateKey(String id) {
        return String.join(".", names.path(id));
    }

    /** Returns the forward pass's variable for a layer's output, {@code stage2_block1_conv2} inside a block. */
    String variable(String id) {
        return names.variable(id);
    }

    /** Returns the block instances and copies whose modules hold layers, outer ones first. */
    List<ExportNames.Group> groups() {
        return names.groups();
    }

    /** Returns the variables of the nodes feeding {@code id}, in port order. */
    List<String> inputNames(String id) {
        return graph.inputsOf(id).stream().map(Edge::from).map(names::variable).toList();
    }

    /** Returns the shape per sample of a node's first input (an Input's own shape). */
    Shape inputShape(String id) {
        List<Edge> in = graph.inputsOf(id);
        return in.isEmpty() ? analysis.shape(id) : analysis.shape(in.get(0).from());
    }

    /** Returns a node's output shape per sample. */
    Shape shape(String id) {
        return analysis.shape(id);
    }

    /** Returns the shape of one input sample. */
    int[] inputSampleShape() {
        return ((Input) input().spec()).shape().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Returns whether a layer has weights of its own. */
    boolean hasWeights(String id) {
        return analysis.report(id).params() > 0;
    }

    /** Returns whether node {@code id} is a batch norm, whose state dict has a batch count as well. */
    boolean isBatchNorm(String id) {
        return graph.node(id).spec() instanceof BatchNorm;
    }

    /** Returns the Input node. */
    LayerNode input() {
        return graph.nodes().stream().filter(n -> n.spec() instanceof Input).findFirst().orElseThrow();
    }

    /** Returns the Output node. */
    LayerNode output() {
        return graph.nodes().stream().filter(n -> n.spec() instanceof Output).findFirst().orElseThrow();
    }

    /** Returns the module's class name: the design's name in CamelCase, e.g. {@code MnistMlp}. */
    String className() {
        return className;
    }

    private static String className(String designName) {
        StringBuilder b = new StringBuilder();
        for (String part : ExportNames.identifier(designName).split("_")) {
            if (!part.isEmpty()) {
                b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        String name = b.toString();
        if (name.isEmpty() || name.equals("Layer")) {
            return "Model";
        }
        if (Character.isDigit(name.charAt(0))) {
            return "Model" + name;
        }
        return TAKEN.contains(name) || ExportNames.identifier(name).endsWith("_") ? name + "Model" : name;
    }
}
