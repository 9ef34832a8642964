package org.layercanvas.ui.canvas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import org.layercanvas.edit.DesignChange;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;

/**
 * The skins of a design, kept in step with it as graph-editor keeps its skins: a change adds,
 * removes and redraws only the cards and connections it touched, and only those are culled again.
 * Knows nothing of the view's zoom; the canvas hands it the visible box in design units.
 */
final class SkinLayer {
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Map<String, NodeSkin> skins = new HashMap<>();
    private final Map<Edge, EdgeSkin> edgeSkins = new HashMap<>();
    private final Map<String, List<EdgeSkin>> edgesAt = new HashMap<>();
    private final Predicate<String> selected;
    private Map<Edge, List<Position>> routes = Map.of();
    private boolean horizontal;
    private boolean compact;
    private double enlarge = 1;

    /** Creates an empty layer; {@code selected} says whether a layer is selected when its card is made. */
    SkinLayer(Predicate<String> selected) {
        this.selected = selected;
        edgeLayer.setAutoSizeChildren(false);
        nodeLayer.setAutoSizeChildren(false);
    }

    /** Returns the groups to draw, connections below cards. */
    List<Group> groups() {
        return List.of(edgeLayer, nodeLayer);
    }

    /**
     * Applies one change; returns the ids of the layers whose cards or connections may have moved
     * into or out of view, or null when every skin must be culled again (the ports changed sides).
     */
    Set<String> apply(DesignChange change) {
        Graph graph = change.after().graph();
        Analysis analysis = change.analysis();
        Set<String> touched = new HashSet<>();
        for (String id : change.removed()) {
            nodeLayer.getChildren().remove(skins.remove(id).node());
        }
        for (Edge e : change.edgesRemoved()) {
            removeEdgeSkin(e);
            touched.add(e.to());
        }
        for (String id : change.added()) {
            addSkin(graph.node(id));
        }
        touched.addAll(change.added());
        touched.addAll(change.updated());
        // a connection in can give the card its ports apart (an attention's query, key and value)
        change.edgesAdded().forEach(e -> touched.add(e.to()));
        touched.removeIf(id -> !graph.contains(id));
        for (String id : touched) {
            NodeSkin skin = skins.get(id);
            skin.node().setTranslateX(0);
            skin.node().setTranslateY(0);
            update(skin, graph.node(id), graph, analysis);
        }
        for (Edge e : change.edgesAdded()) {
            addEdgeSkin(e);
            touched.add(e.from());
            touched.add(e.to());
        }
        boolean sideways = change.after().flow() == Flow.LEFT_RIGHT;
        if (sideways != horizontal) {
            horizontal = sideways;
            skins.values().forEach(s -> s.setHorizontal(sideways));
            placeEdges(edgeSkins.keySet(), analysis);
            return null;
        }
        placeEdges(edgesOf(touched), analysis);
        return touched;
    }

    /**
     * Keeps the routes an auto-layout gave the connections; each is drawn while its ends are where
     * that layout put them. Call before the layout's change is applied.
     */
    void useRoutes(Map<Edge, List<Position>> layoutRoutes) {
        routes = Map.copyOf(layoutRoutes);
    }

    /** Places every connection again from where its cards are now. */
    void replaceEdges(Analysis analysis) {
        placeEdges(edgeSkins.keySet(), analysis);
    }

    /** Draws a whole design afresh, as after opening it. */
    void rebuild(Design design, Analysis analysis) {
        Graph graph = design.graph();
        routes = Map.of();
        skins.clear();
        edgeSkins.clear();
        edgesAt.clear();
        nodeLayer.getChildren().clear();
        edgeLayer.getChildren().clear();
        horizontal = design.flow() == Flow.LEFT_RIGHT;
        for (LayerNode n : graph.nodes()) {
            update(addSkin(n), n, graph, analysis);
        }
        for (Edge e : graph.edges()) {
            addEdgeSkin(e);
        }
        placeEdges(edgeSkins.keySet(), analysis);
    }

    private static void update(NodeSkin skin, LayerNode node, Graph graph, Analysis analysis) {
        skin.update(node, CardText.of(node, graph, analysis), analysis.report(node.id()),
                analysis.diagnosticsOf(node.id()));
    }

    private NodeSkin addSkin(LayerNode node) {
        NodeSkin skin = new NodeSkin(node);
        skin.setHorizontal(horizontal);
        skin.setCompact(compact, enlarge);
        skin.setSelected(selected.test(node.id()));
        skins.put(node.id(), skin);
        nodeLayer.getChildren().add(skin.node());
        return skin;
    }

    private void addEdgeSkin(Edge e) {
        EdgeSkin skin = new EdgeSkin(e);
        skin.showLabel(!compact);
        edgeSkins.put(e, skin);
        edgesAt.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(skin);
        edgesAt.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(skin);
        edgeLayer.getChildren().add(skin.node());
    }

    private void removeEdgeSkin(Edge e) {
        EdgeSkin skin = edgeSkins.remove(e);
        edgeLayer.getChildren().remove(skin.node());
        for (String id : List.of(e.from(), e.to())) {
            List<EdgeSkin> at = edgesAt.get(id);
            if (at != null) {
                at.remove(skin);
            }
        }
    }

    private Set<Edge> edgesOf(Set<String> ids) {
        Set<Edge> out = new HashSet<>();
        for (String id : ids) {
            for (EdgeSkin s : edgesAt.getOrDefault(id, List.of())) {
                out.add(s.edge());
            }
        }
        return out;
    }

    /** Places and labels these connections from where their cards are now. */
    private void placeEdges(Set<Edge> edges, Analysis analysis) {
        for (Edge e : edges) {
            List<Edge> siblings = inputsInOrder(e.to());
            edgeSkins.get(e).update(skins.get(e.from()).outputPoint(),
                    skins.get(e.to()).inputPoint(siblings.indexOf(e), siblings.size()), routes.get(e),
                    analysis.shape(e.from()), horizontal);
        }
    }

    private List<Edge> inputsInOrder(String id) {
        List<Edge> in = new ArrayList<>();
        for (EdgeSkin s : edgesAt.getOrDefault(id, List.of())) {
            if (s.edge().to().equals(id)) {
                in.add(s.edge());
            }
        }
        in.sort(Comparator.comparingInt(Edge::port));
        return in;
    }

    /** Returns whether the ports are on the cards' sides. */
    boolean horizontal() {
        return horizontal;
    }

    /** Shows or hides every card and connection as it lies inside the box from {@code a} to {@code b}. */
    void cull(Point2D a, Point2D b) {
        for (NodeSkin skin : skins.values()) {
            cullNode(skin.node(), a, b);
        }
        for (EdgeSkin skin : edgeSkins.values()) {
            cullEdge(skin, a, b);
        }
    }

    /** Shows or hides the cards {@code ids} and their connections as they lie inside the box. */
    void cull(Set<String> ids, Point2D a, Point2D b) {
        for (String id : ids) {
            cullNode(skins.get(id).node(), a, b);
            for (EdgeSkin skin : edgesAt.getOrDefault(id, List.of())) {
                cullEdge(skin, a, b);
            }
        }
    }

    private static void cullNode(Group n, Point2D a, Point2D b) {
        double x = n.getLayoutX() + n.getTranslateX();
        double y = n.getLayoutY() + n.getTranslateY();
        show(n, x + NodeSkin.WIDTH >= a.getX() && x <= b.getX() && y + NodeSkin.HEIGHT >= a.getY() && y <= b.getY());
    }

    private static void cullEdge(EdgeSkin skin, Point2D a, Point2D b) {
        Bounds c = skin.extent();
        show(skin.node(), c.getMaxX() >= a.getX() && c.getMinX() <= b.getX() && c.getMaxY() >= a.getY()
                && c.getMinY() <= b.getY());
    }

    private static void show(Node n, boolean visible) {
        if (n.isVisible() != visible) {
            n.setVisible(visible);
        }
    }

    /** Marks the selected cards and the selected connection. */
    void showSelection(Predicate<String> isSelected, Edge selectedEdge) {
        skins.forEach((id, skin) -> skin.setSelected(isSelected.test(id)));
        edgeSkins.forEach((e, skin) -> skin.setSelected(e.equals(selectedEdge)));
    }

    /**
     * Draws every card in full, or compact with its name and kind enlarged by {@code factor} (see
     * {@link NodeSkin#setCompact}); the connections' shape labels are hidden while compact, too
     * small to read.
     */
    void setCompact(boolean compactCards, double factor) {
        if (compactCards == compact && (!compactCards || factor == enlarge)) {
            return;
        }
        compact = compactCards;
        enlarge = factor;
        skins.values().forEach(s -> s.setCompact(compactCards, factor));
        edgeSkins.values().forEach(s -> s.showLabel(!compactCards));
    }

    /** Returns whether a connection is drawn. */
    boolean has(Edge e) {
        return edgeSkins.containsKey(e);
    }

    /** Returns the card of a layer, or null. */
    NodeSkin skin(String id) {
        return skins.get(id);
    }

    /** Returns the ids of every layer drawn. */
    Set<String> ids() {
        return skins.keySet();
    }

    /** Moves the cards {@code ids} by a distance in design units while they are dragged, their connections with them. */
    void shift(Set<String> ids, double dx, double dy, Analysis analysis) {
        for (String id : ids) {
            skins.get(id).node().setTranslateX(dx);
            skins.get(id).node().setTranslateY(dy);
        }
        placeEdges(edgesOf(ids), analysis);
    }

    /** Returns the ids of the visible cards that intersect a box in design units. */
    Set<String> cardsWithin(Bounds box) {
        Set<String> ids = new HashSet<>();
        skins.forEach((id, skin) -> {
            if (skin.node().isVisible() && box.intersects(skin.node().getBoundsInParent())) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Returns the bounds of every card, visible or not, in design units; a unit box when there is none. */
    Bounds contentBounds() {
        if (skins.isEmpty()) {
            return new BoundingBox(0, 0, 1, 1);
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (NodeSkin skin : skins.values()) {
            minX = Math.min(minX, skin.node().getLayoutX());
            minY = Math.min(minY, skin.node().getLayoutY());
            maxX = Math.max(maxX, skin.node().getLayoutX() + NodeSkin.WIDTH);
            maxY = Math.max(maxY, skin.node().getLayoutY() + NodeSkin.HEIGHT);
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    /** Returns whether no layer is drawn. */
    boolean isEmpty() {
        return skins.isEmpty();
    }
}
