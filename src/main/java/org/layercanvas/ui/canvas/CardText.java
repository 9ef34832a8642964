package org.layercanvas.ui.canvas;

import java.util.ArrayList;
import java.util.List;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Arity;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.BlockInput;
import org.layercanvas.graph.BlockOutput;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.NodeReport;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.Structural;

/**
 * What a card says beyond a layer's name: its kind, its shape, the roles of its inputs when they
 * differ, and for a block instance the definition it uses, how it changes the shape it is given,
 * and the layers inside it.
 *
 * @param kind the kind as the card shows it: {@code Conv2d}, or a block's name and repeat,
 *     {@code unit ×3}
 * @param shape the output shape; for a block, input shape → output shape
 * @param inside for a block, one line per layer of its body (name, kind, output shape); else empty
 * @param ports one label per input port drawn apart, in port order, for an attention fed a query, a
 *     key and a value; empty for one port that every connection comes into
 */
record CardText(String kind, String shape, List<String> inside, List<String> ports) {
    /** The most lines an expanded block lists; the rest are counted. */
    static final int MOST_LINES = 14;
    /** The ports of an attention fed more than one input: query, key, value. */
    private static final List<String> QUERY_KEY_VALUE = List.of("q", "k", "v");

    CardText {
        inside = List.copyOf(inside);
        ports = List.copyOf(ports);
    }

    /** Returns what the card of {@code node}, in {@code graph} as {@code analysis} sees it, says. */
    static CardText of(LayerNode node, Graph graph, Analysis analysis) {
        NodeReport report = analysis.report(node.id());
        String out = shape(report.output());
        if (node.spec() instanceof BlockInput in) {
            return new CardText("block input " + (in.index() + 1), out, List.of(), List.of());
        }
        if (node.spec() instanceof BlockOutput) {
            return new CardText("block output", out, List.of(), List.of());
        }
        if (!(node.spec() instanceof Block block) || !graph.blocks().containsKey(block.definition())) {
            // a second connection into an attention makes it a query's over a key and a value
            boolean roles = node.spec().type().arity() == Arity.ONE_OR_THREE && graph.inputsOf(node.id()).size() > 1;
            return new CardText(node.kind(), out, List.of(), roles ? QUERY_KEY_VALUE : List.of());
        }
        BlockDefinition d = graph.blocks().get(block.definition());
        List<Edge> in = graph.inputsOf(node.id());
        String from = in.isEmpty() ? "?" : shape(analysis.shape(in.get(0).from()));
        String kind = d.name() + (block.repeat() > 1 ? " ×" + block.repeat() : "");
        Analysis body = analysis.inside(node.id(), block.repeat() > 1);
        List<String> lines = new ArrayList<>();
        List<LayerNode> layers = d.body().nodes().stream().filter(n -> !(n.spec() instanceof Structural)
                || n.spec() instanceof Block).toList();
        for (LayerNode n : layers.subList(0, Math.min(MOST_LINES, layers.size()))) {
            String kindOf = n.spec() instanceof Block b && graph.blocks().containsKey(b.definition())
                    ? graph.blocks().get(b.definition()).name() : n.kind();
            lines.add(n.name() + "  " + kindOf + "  " + shape(body.knows(n.id()) ? body.shape(n.id()) : null));
        }
        if (layers.size() > MOST_LINES) {
            lines.add("… and " + (layers.size() - MOST_LINES) + " more");
        }
        return new CardText(kind, from + " → " + out, lines, List.of());
    }

    private static String shape(Shape s) {
        return s == null ? "?" : s.toString();
    }
}
