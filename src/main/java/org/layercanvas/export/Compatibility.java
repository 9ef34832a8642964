package org.layercanvas.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.Output;

/**
 * The check every export runs before it writes anything: the design must be free of errors, have one
 * Input and one Output, and every node's kind must be one the format expresses. Lists each node that
 * fails, by name. A design with blocks is checked as the layers it stands for ({@link
 * Exporter#expanded}), so a kind inside a block is named by its path ({@code 'stage2/conv'}).
 */
public final class Compatibility {
    private Compatibility() {
    }

    /**
     * Returns one line per reason the design cannot be exported in {@code format}; empty when it can.
     *
     * @param supported the layer kinds the format expresses
     */
    public static List<String> problems(Graph design, String format, Set<Class<? extends LayerSpec>> supported) {
        List<String> problems = new ArrayList<>();
        Analysis analysis = Analysis.of(design);
        if (analysis.hasErrors()) {
            analysis.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> problems.add(d.describe(design)));
            return problems;
        }
        Graph graph = Exporter.expanded(design);
        List<LayerNode> inputs = graph.nodes().stream().filter(n -> n.spec() instanceof Input).toList();
        List<LayerNode> outputs = graph.nodes().stream().filter(n -> n.spec() instanceof Output).toList();
        if (inputs.size() != 1) {
            problems.add("the design has " + inputs.size() + " Input layers " + names(inputs) + "; " + format
                    + " export takes exactly one");
        }
        if (outputs.size() != 1) {
            problems.add("the design has " + outputs.size() + " Output layers " + names(outputs) + "; " + format
                    + " export takes exactly one");
        }
        for (LayerNode node : graph.nodes()) {
            if (!supported.contains(node.spec().getClass())) {
                problems.add("'" + node.name() + "' (" + node.spec().type().name() + ") has no " + format
                        + " equivalent");
            }
        }
        return problems;
    }

    /**
     * Throws when the design cannot be exported in {@code format}, listing every node that is in the way.
     *
     * @throws ExportException with one problem per line
     */
    public static void require(Graph graph, String format, Set<Class<? extends LayerSpec>> supported)
            throws ExportException {
        List<String> problems = problems(graph, format, supported);
        if (!problems.isEmpty()) {
            throw new ExportException("the design cannot be exported as " + format, problems);
        }
    }

    private static String names(List<LayerNode> nodes) {
        return nodes.stream().map(n -> "'" + n.name() + "'").toList().toString();
    }
}
