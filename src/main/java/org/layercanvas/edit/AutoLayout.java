package org.layercanvas.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;

/**
 * Arranges a whole design with ELK Layered, the Eclipse Layout Kernel's layered (Sugiyama) layout:
 * layers in network-simplex ranks, chains kept straight, each input of a merge on a port of its own
 * in input order, and every connection routed orthogonally between the cards.
 *
 * <p>Orthogonal routes, not splines: ELK's spline points are control points of curves, which the
 * canvas would have to draw and hit-test as such and which its "sloppy" mode lets cut through
 * cards, while an orthogonal route is the polyline itself, runs only in the channels between ranks
 * and cards, and draws a straight chain as one straight line with the shape label on it.
 *
 * <p>The result depends only on the graph's value: layers and connections are handed to ELK in an
 * order of their own (ids, then ends and ports), not in the order they were added.
 */
public final class AutoLayout {
    private static final String DESCRIPTION = "Auto-layout";
    /** Orders ids like {@code n2} before {@code n10}, as a person numbers them. */
    private static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final double cardWidth;
    private final double cardHeight;
    private final double gap;

    /**
     * Creates a layout for cards of this size.
     *
     * @param gap the space between neighbouring cards of a rank and between ranks
     * @throws IllegalArgumentException for a card size that is not positive or a negative gap
     */
    public AutoLayout(double cardWidth, double cardHeight, double gap) {
        if (!(cardWidth > 0 && cardHeight > 0 && Double.isFinite(cardWidth) && Double.isFinite(cardHeight))) {
            throw new IllegalArgumentException("cards need a positive size: " + cardWidth + " x " + cardHeight);
        }
        if (!(gap >= 0 && Double.isFinite(gap))) {
            throw new IllegalArgumentException("the gap must be zero or more: " + gap);
        }
        this.cardWidth = cardWidth;
        this.cardHeight = cardHeight;
        this.gap = gap;
    }

    /**
     * Returns the arrangement of the whole graph: a position for every layer (the top-left corner of
     * its card), and a route for every connection; the drawing's top-left corner is at (0, 0).
     */
    public Arrangement arrange(Graph graph, Flow flow) {
        List<LayerNode> nodes = new ArrayList<>(graph.nodes());
        nodes.sort(Comparator.comparing(LayerNode::id, ID_ORDER));
        Map<String, Integer> order = new HashMap<>();
        nodes.forEach(n -> order.put(n.id(), order.size()));
        List<Edge> edges = new ArrayList<>(graph.edges());
        edges.sort(Comparator.<Edge>comparingInt(e -> order.get(e.from()))
                .thenComparingInt(e -> order.get(e.to())).thenComparingInt(Edge::port));

        ElkNode root = root(flow);
        Map<String, ElkNode> cards = new HashMap<>();
        for (LayerNode n : nodes) {
            ElkNode card = ElkGraphUtil.createNode(root);
            card.setIdentifier(n.id());
            card.setDimensions(cardWidth, cardHeight);
            card.setProperty(LayeredOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_ORDER);
            cards.put(n.id(), card);
        }
        Set<String> read = new HashSet<>();
        Map<String, SortedSet<Integer>> received = new HashMap<>();
        for (Edge e : edges) {
            read.add(e.from());
            received.computeIfAbsent(e.to(), id -> new TreeSet<>()).add(e.port());
        }
        Map<String, Ports> ports = new HashMap<>();
        for (LayerNode n : nodes) {
            ports.put(n.id(), ports(cards.get(n.id()), flow, read.contains(n.id()),
                    received.getOrDefault(n.id(), new TreeSet<>())));
        }
        Map<Edge, ElkEdge> connections = new HashMap<>();
        for (Edge e : edges) {
            connections.put(e, ElkGraphUtil.createSimpleEdge(ports.get(e.from()).output(),
                    ports.get(e.to()).inputs().get(e.port())));
        }

        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, Position> positions = new LinkedHashMap<>();
        for (LayerNode n : graph.nodes()) {
            ElkNode card = cards.get(n.id());
            positions.put(n.id(), new Position(card.getX(), card.getY()));
        }
        Map<Edge, List<Position>> routes = new LinkedHashMap<>();
        for (Edge e : graph.edges()) {
            routes.put(e, route(connections.get(e)));
        }
        return new Arrangement(new MoveNodesCommand(positions, DESCRIPTION), flow, routes);
    }

    private ElkNode root(Flow flow) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(LayeredOptions.DIRECTION, flow == Flow.TOP_DOWN ? Direction.DOWN : Direction.RIGHT);
        root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.NETWORK_SIMPLEX);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.NETWORK_SIMPLEX);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_FAVOR_STRAIGHT_EDGES, true);
        root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, gap);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, gap);
        root.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, gap);
        // a connection passing between two cards of a rank runs midway, as if it were a thin card
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, gap / 2);
        root.setProperty(LayeredOptions.PADDING, new ElkPadding(0));
        return root;
    }

    /** A card's ports: its output (null when nothing reads it) and one port per input number it receives. */
    private record Ports(ElkPort output, Map<Integer, ElkPort> inputs) {
    }

    /**
     * Gives a card its ports: one per input number it receives, in input order along the input side
     * (left to right on top, top to bottom on the left), and an output in the middle of the output
     * side if anything reads it. ELK orders a card's ports clockwise from its top-left corner.
     */
    private static Ports ports(ElkNode card, Flow flow, boolean read, SortedSet<Integer> received) {
        boolean down = flow == Flow.TOP_DOWN;
        int count = received.size();
        Map<Integer, ElkPort> inputs = new HashMap<>();
        int input = 0;
        for (int number : received) {
            // clockwise, the top side runs left to right and the left side bottom to top
            int index = down ? input : (read ? 1 : 0) + count - 1 - input;
            inputs.put(number, port(card, down ? PortSide.NORTH : PortSide.WEST, index));
            input++;
        }
        ElkPort output = read ? port(card, down ? PortSide.SOUTH : PortSide.EAST, down ? count : 0) : null;
        return new Ports(output, inputs);
    }

    private static ElkPort port(ElkNode card, PortSide side, int index) {
        ElkPort port = ElkGraphUtil.createPort(card);
        port.setDimensions(0, 0);
        port.setProperty(LayeredOptions.PORT_SIDE, side);
        port.setProperty(LayeredOptions.PORT_INDEX, index);
        return port;
    }

    /** Returns the points of a laid-out connection: start, bend points, end. */
    private static List<Position> route(ElkEdge connection) {
        List<Position> points = new ArrayList<>();
        for (ElkEdgeSection section : connection.getSections()) {
            add(points, section.getStartX(), section.getStartY());
            for (ElkBendPoint bend : section.getBendPoints()) {
                add(points, bend.getX(), bend.getY());
            }
            add(points, section.getEndX(), section.getEndY());
        }
        return points;
    }

    private static void add(List<Position> points, double x, double y) {
        Position p = new Position(x, y);
        if (points.isEmpty() || !points.get(points.size() - 1).equals(p)) {
            points.add(p);
        }
    }
}
