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
 * input and output shapes per sample, and the module's class name. Built only for designs that
 * passed {@link Compatibility}.
 */
final class PyTorchGraph {
    /** Names model.py already uses, which the class must not take. */
    private static final Set<String> TAKEN = Set.of("Add", "Concat", "GlobalAvgPool", "GlobalMaxPool", "Reshape",
            "TokenEmbedding", "SequenceLSTM", "SequenceGRU", "INPUT_SHAPE", "CLASS_NAMES");

    private final Graph graph;
    private final Analysis analysis;
    private final ExportNames names;
    private final String className;

    PyTorchGraph(Graph graph, String designName) {
        this.graph = graph;
        this.analysis = Analysis.of(graph);
        this.names = ExportNames.of(graph);
        this.className = className(designName);
    }

    /** Returns the nodes in the order the layers run. */
    List<LayerNode> ordered() {
        return analysis.order().stream().map(graph::node).toList();
    }

    /** Returns a node's attribute and variable name. */
    String name(String id) {
        return names.of(id);
    }

    /** Returns the export names of the nodes feeding {@code id}, in port order. */
    List<String> inputNames(String id) {
        return graph.inputsOf(id).stream().map(Edge::from).map(names::of).toList();
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
