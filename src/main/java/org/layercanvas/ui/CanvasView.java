package org.layercanvas.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.layercanvas.edit.AddNodesCommand;
import org.layercanvas.edit.ConnectCommand;
import org.layercanvas.edit.Connections;
import org.layercanvas.edit.MoveNodesCommand;
import org.layercanvas.edit.RemoveCommand;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Position;

/**
 * The canvas: one card per layer and one curve per connection, drawn from the editor's graph and
 * redrawn only where a change touched it. Holds view state only (zoom, pan, drags in progress);
 * every change to the design goes through a command.
 */
final class CanvasView extends Pane {
    /** The drag-and-drop text a palette entry carries: {@code layer:Dense}. */
    static final String DRAG_PREFIX = "layer:";
    private static final double MIN_ZOOM = 0.1;
    private static final double MAX_ZOOM = 3;

    private final DesignEditor editor;
    private final Consumer<String> status;
    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group overlay = new Group();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Translate pan = new Translate();
    private final Map<String, NodeSkin> skins = new HashMap<>();
    private final Map<Edge, EdgeSkin> edgeSkins = new HashMap<>();
    private final Rectangle rubberBand = new Rectangle();
    private final CubicCurve pending = new CubicCurve();
    private final Label refusal = new Label();
    private Edge selectedEdge;
    private Gesture gesture = Gesture.NONE;
    private Point2D pressScreen;
    private Point2D pressWorld;
    private NodeSkin connectFrom;
    private boolean spaceDown;
    private Runnable viewChanged = () -> { };

    private enum Gesture { NONE, PAN, MOVE, CONNECT, RUBBER_BAND }

    CanvasView(DesignEditor editor, Consumer<String> status) {
        this.editor = editor;
        this.status = status;
        getStyleClass().add("canvas");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        world.getTransforms().addAll(pan, zoom);
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setVisible(false);
        pending.getStyleClass().add("edge-pending");
        pending.setFill(null);
        pending.setVisible(false);
        refusal.getStyleClass().add("refusal");
        refusal.setVisible(false);
        overlay.getChildren().addAll(pending, rubberBand, refusal);
        overlay.setMouseTransparent(true);
        world.getChildren().addAll(edgeLayer, nodeLayer, overlay);
        // the design's extent must not re-lay out the window: panning and edits change it all the
        // time (measured: 10-15 ms of layout a frame with 500 layers while it was managed)
        world.setManaged(false);
        for (Group g : new Group[] {world, edgeLayer, nodeLayer, overlay}) {
            g.setAutoSizeChildren(false);
        }
        getChildren().add(world);
        setFocusTraversable(true);

        editor.onChange(c -> refresh(c.after(), c.analysis()));
        editor.selection().addListener((javafx.collections.SetChangeListener<String>) c -> showSelection());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(ZoomEvent.ZOOM, e -> zoomAt(e.getZoomFactor(), e.getX(), e.getY()));
        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dropped);
        setOnKeyPressed(e -> spaceDown |= e.getCode() == KeyCode.SPACE);
        setOnKeyReleased(e -> spaceDown &= e.getCode() != KeyCode.SPACE);
        widthProperty().addListener((o, a, b) -> cull());
        heightProperty().addListener((o, a, b) -> cull());
        refresh(editor.graph(), editor.analysis());
    }

    // ---- drawing --------------------------------------------------------------------------------

    /** Brings the skins in line with the graph: adds, removes and redraws only what changed. */
    private boolean horizontal;

    private void refresh(Graph graph, Analysis analysis) {
        Set<String> gone = new HashSet<>(skins.keySet());
        Set<String> changed = new HashSet<>();
        for (LayerNode node : graph.nodes()) {
            gone.remove(node.id());
            NodeSkin skin = skins.get(node.id());
            if (skin == null) {
                skin = new NodeSkin(node);
                skin.setHorizontal(horizontal);
                skins.put(node.id(), skin);
                nodeLayer.getChildren().add(skin.node());
                skin.setSelected(editor.selection().contains(node.id()));
            }
            if (skin.node().getTranslateX() != 0 || skin.node().getTranslateY() != 0) {
                skin.node().setTranslateX(0);
                skin.node().setTranslateY(0);
            }
            if (skin.update(node, analysis.report(node.id()), analysis.diagnosticsOf(node.id()))) {
                changed.add(node.id());
            }
        }
        boolean structural = !gone.isEmpty();
        for (String id : gone) {
            nodeLayer.getChildren().remove(skins.remove(id).node());
        }
        Set<Edge> edgesGone = new HashSet<>(edgeSkins.keySet());
        for (Edge e : graph.edges()) {
            if (!edgesGone.remove(e)) {
                EdgeSkin skin = new EdgeSkin(e);
                edgeSkins.put(e, skin);
                edgeLayer.getChildren().add(skin.node());
                structural = true;
            }
        }
        for (Edge e : edgesGone) {
            edgeLayer.getChildren().remove(edgeSkins.remove(e).node());
            structural = true;
        }
        if (selectedEdge != null && !edgeSkins.containsKey(selectedEdge)) {
            selectedEdge = null;
        }
        boolean sideways = flowsSideways(graph);
        if (sideways != horizontal) {
            horizontal = sideways;
            skins.values().forEach(s -> s.setHorizontal(sideways));
            structural = true;
        }
        if (structural) {
            layoutEdges(graph, analysis, null);
            cull();
        } else if (!changed.isEmpty()) {
            // a change of parameters or positions: only the connections at changed cards move or relabel
            layoutEdges(graph, analysis, changed);
            cull(changed);
        }
    }

    /**
     * Returns whether the design flows left to right rather than top down, as its connections run
     * on the whole: the ports follow, so a left-right auto-layout gets side ports without a setting.
     */
    static boolean flowsSideways(Graph graph) {
        double across = 0;
        double down = 0;
        for (Edge e : graph.edges()) {
            across += graph.node(e.to()).position().x() - graph.node(e.from()).position().x();
            down += graph.node(e.to()).position().y() - graph.node(e.from()).position().y();
        }
        return across > down;
    }

    /** Returns whether the ports are on the cards' sides, for tests. */
    boolean horizontal() {
        return horizontal;
    }

    /** Culls only the cards {@code ids} and their connections, after they changed in place. */
    private void cull(Set<String> ids) {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        Point2D a = toWorld(-24, -24);
        Point2D b = toWorld(getWidth() + 24, getHeight() + 24);
        for (String id : ids) {
            cullNode(skins.get(id).node(), a, b);
        }
        for (EdgeSkin skin : edgeSkins.values()) {
            if (ids.contains(skin.edge().from()) || ids.contains(skin.edge().to())) {
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

    /**
     * Hides what lies outside the view, so that a frame draws only the cards and connections a
     * person can see: with hundreds of layers most of them are off screen.
     */
    private void cull() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        viewChanged.run();
        double margin = 24;
        Point2D a = toWorld(-margin, -margin);
        Point2D b = toWorld(getWidth() + margin, getHeight() + margin);
        for (NodeSkin skin : skins.values()) {
            cullNode(skin.node(), a, b);
        }
        for (EdgeSkin skin : edgeSkins.values()) {
            cullEdge(skin, a, b);
        }
    }

    private static void show(Node n, boolean visible) {
        if (n.isVisible() != visible) {
            n.setVisible(visible);
        }
    }

    /** Places and labels the connections, all of them or ({@code only} not null) those at these cards. */
    private void layoutEdges(Graph graph, Analysis analysis, Set<String> only) {
        Map<String, List<Edge>> into = new HashMap<>();
        for (Edge e : graph.edges()) {
            into.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
        into.values().forEach(list -> list.sort(Comparator.comparingInt(Edge::port)));
        for (EdgeSkin skin : edgeSkins.values()) {
            Edge e = skin.edge();
            if (only != null && !only.contains(e.from()) && !only.contains(e.to())) {
                continue;
            }
            List<Edge> siblings = into.get(e.to());
            skin.update(skins.get(e.from()).outputPoint(),
                    skins.get(e.to()).inputPoint(siblings.indexOf(e), siblings.size()),
                    analysis.shape(e.from()), horizontal);
        }
    }

    private void showSelection() {
        skins.forEach((id, skin) -> skin.setSelected(editor.selection().contains(id)));
        edgeSkins.forEach((e, skin) -> skin.setSelected(e.equals(selectedEdge)));
    }

    // ---- view -----------------------------------------------------------------------------------

    /** Returns a point of the canvas in design units. */
    Point2D toWorld(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.getX(), (y - pan.getY()) / zoom.getY());
    }

    /** Zooms by {@code factor} keeping the point under ({@code x}, {@code y}) in place. */
    void zoomAt(double factor, double x, double y) {
        double next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.getX() * factor));
        Point2D anchor = toWorld(x, y);
        zoom.setX(next);
        zoom.setY(next);
        pan.setX(x - anchor.getX() * next);
        pan.setY(y - anchor.getY() * next);
        cull();
    }

    /** Zooms around the centre of the view. */
    void zoomBy(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Pans by a distance on screen. */
    void panBy(double dx, double dy) {
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
        cull();
    }

    /**
     * Shows a design just opened: all of it when it fits at a readable size, else its top at a
     * readable zoom, centred across.
     */
    void showOpened() {
        fit();
        if (zoom.getX() < 0.75 && !skins.isEmpty()) {
            Bounds b = designBounds();
            zoom.setX(0.75);
            zoom.setY(0.75);
            pan.setX(getWidth() / 2 - (b.getMinX() + b.getWidth() / 2) * 0.75);
            pan.setY(30 - b.getMinY() * 0.75);
        }
        cull();
    }

    /** Registers what to do whenever the view moves or the design changes (the minimap redraws). */
    void setOnViewChanged(Runnable action) {
        viewChanged = action;
    }

    /** Returns the part of the design in view, in design units. */
    Bounds visibleBounds() {
        Point2D a = toWorld(0, 0);
        Point2D b = toWorld(getWidth(), getHeight());
        return new javafx.geometry.BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    /** Returns the bounds of every card, in design units. */
    Bounds contentBounds() {
        return skins.isEmpty() ? new javafx.geometry.BoundingBox(0, 0, 1, 1) : designBounds();
    }

    /** Pans so that a point of the design is in the middle of the view. */
    void centreOn(Point2D point) {
        pan.setX(getWidth() / 2 - point.getX() * zoom.getX());
        pan.setY(getHeight() / 2 - point.getY() * zoom.getY());
        cull();
    }

    /** Returns the bounds of every card, visible or not, in design units. */
    private Bounds designBounds() {
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
        return new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    /** Zooms and pans so that every layer is in view. */
    void fit() {
        if (skins.isEmpty() || getWidth() <= 0) {
            return;
        }
        Bounds b = designBounds();
        double margin = 40;
        double factor = Math.min((getWidth() - 2 * margin) / Math.max(b.getWidth(), 1),
                (getHeight() - 2 * margin) / Math.max(b.getHeight(), 1));
        factor = Math.max(MIN_ZOOM, Math.min(1.25, factor));
        zoom.setX(factor);
        zoom.setY(factor);
        pan.setX((getWidth() - b.getWidth() * factor) / 2 - b.getMinX() * factor);
        pan.setY((getHeight() - b.getHeight() * factor) / 2 - b.getMinY() * factor);
        cull();
    }

    /** Pans so that a layer is in the middle of the view. */
    void reveal(String id) {
        NodeSkin skin = skins.get(id);
        if (skin != null) {
            Point2D centre = new Point2D(skin.node().getLayoutX() + NodeSkin.WIDTH / 2,
                    skin.node().getLayoutY() + NodeSkin.HEIGHT / 2);
            pan.setX(getWidth() / 2 - centre.getX() * zoom.getX());
            pan.setY(getHeight() / 2 - centre.getY() * zoom.getY());
        }
        cull();
    }

    /** Returns the skin of a layer, for tests and the inspector. */
    NodeSkin skin(String id) {
        return skins.get(id);
    }

    /** Returns the skin of a connection. */
    EdgeSkin edgeSkin(Edge e) {
        return edgeSkins.get(e);
    }

    /** Returns the world point at the centre of the view. */
    Point2D centre() {
        return toWorld(getWidth() / 2, getHeight() / 2);
    }

    // ---- editing --------------------------------------------------------------------------------

    /**
     * Adds a layer of {@code type} at {@code at}, connected from {@code from} when given and allowed;
     * selects it.
     */
    void addLayer(LayerType type, Position at, String from) {
        Graph g = editor.graph();
        String id = g.newId();
        String base = type.name().toLowerCase(java.util.Locale.ROOT);
        LayerNode node = new LayerNode(id, g.uniqueName(base), type.defaults(), at);
        List<Edge> edges = new ArrayList<>();
        if (from != null) {
            Connections.Result r = Connections.connect(g.withNode(node), from, id);
            r.edge().ifPresent(edges::add);
        }
        editor.execute(new AddNodesCommand(List.of(node), edges, "Add " + type.name()));
        editor.selection().clear();
        editor.selection().add(id);
    }

    /** Deletes the selected layers and the selected connection. */
    void deleteSelection() {
        Set<String> ids = Set.copyOf(editor.selection());
        List<Edge> edges = selectedEdge == null ? List.of() : List.of(selectedEdge);
        if (ids.isEmpty() && edges.isEmpty()) {
            return;
        }
        selectedEdge = null;
        editor.execute(new RemoveCommand(ids, edges));
    }

    /** Selects every layer. */
    void selectAll() {
        editor.selection().addAll(skins.keySet());
    }

    // ---- gestures -------------------------------------------------------------------------------

    private static NodeSkin skinOf(Node picked) {
        for (Node n = picked; n != null; n = n.getParent()) {
            if (n.getUserData() instanceof NodeSkin s) {
                return s;
            }
        }
        return null;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        pressScreen = new Point2D(e.getX(), e.getY());
        pressWorld = toWorld(e.getX(), e.getY());
        Node picked = e.getPickResult().getIntersectedNode();
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            gesture = Gesture.PAN;
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        NodeSkin skin = skinOf(picked);
        if (skin != null && picked == skin.outputPort()) {
            gesture = Gesture.CONNECT;
            connectFrom = skin;
            pending.setVisible(true);
            updatePending(pressWorld, true);
            return;
        }
        if (picked != null && picked.getUserData() instanceof EdgeSkin edgeSkin) {
            selectedEdge = edgeSkin.edge();
            editor.selection().clear();
            showSelection();
            gesture = Gesture.NONE;
            return;
        }
        selectedEdge = null;
        if (skin != null) {
            boolean toggle = e.isShiftDown() || e.isShortcutDown();
            if (toggle) {
                if (!editor.selection().remove(skin.id())) {
                    editor.selection().add(skin.id());
                }
            } else if (!editor.selection().contains(skin.id())) {
                editor.selection().clear();
                editor.selection().add(skin.id());
            }
            gesture = Gesture.MOVE;
            return;
        }
        if (!e.isShiftDown() && !e.isShortcutDown()) {
            editor.selection().clear();
        }
        showSelection();
        gesture = Gesture.RUBBER_BAND;
        rubberBand.setX(pressWorld.getX());
        rubberBand.setY(pressWorld.getY());
        rubberBand.setWidth(0);
        rubberBand.setHeight(0);
        rubberBand.setVisible(true);
    }

    private void dragged(MouseEvent e) {
        Point2D now = toWorld(e.getX(), e.getY());
        switch (gesture) {
            case PAN -> {
                panBy(e.getX() - pressScreen.getX(), e.getY() - pressScreen.getY());
                pressScreen = new Point2D(e.getX(), e.getY());
            }
            case MOVE -> {
                double dx = now.getX() - pressWorld.getX();
                double dy = now.getY() - pressWorld.getY();
                for (String id : editor.selection()) {
                    skins.get(id).node().setTranslateX(dx);
                    skins.get(id).node().setTranslateY(dy);
                }
                layoutEdges(editor.graph(), editor.analysis(), null);
                cull();
            }
            case CONNECT -> {
                NodeSkin target = skinOf(e.getPickResult().getIntersectedNode());
                boolean ok = true;
                refusal.setVisible(false);
                if (target != null && target != connectFrom) {
                    Connections.Result r = Connections.connect(editor.graph(), connectFrom.id(), target.id());
                    ok = r.allowed();
                    if (!ok) {
                        refusal.setText(r.refusal());
                        refusal.setLayoutX(now.getX() + 12);
                        refusal.setLayoutY(now.getY() + 12);
                        refusal.setVisible(true);
                    }
                }
                updatePending(now, ok);
            }
            case RUBBER_BAND -> {
                rubberBand.setX(Math.min(now.getX(), pressWorld.getX()));
                rubberBand.setY(Math.min(now.getY(), pressWorld.getY()));
                rubberBand.setWidth(Math.abs(now.getX() - pressWorld.getX()));
                rubberBand.setHeight(Math.abs(now.getY() - pressWorld.getY()));
            }
            default -> {
                // nothing in progress
            }
        }
    }

    private void released(MouseEvent e) {
        Point2D now = toWorld(e.getX(), e.getY());
        switch (gesture) {
            case MOVE -> {
                double dx = now.getX() - pressWorld.getX();
                double dy = now.getY() - pressWorld.getY();
                if (Math.abs(dx) + Math.abs(dy) > 0.5) {
                    Map<String, Position> moved = new HashMap<>();
                    for (String id : editor.selection()) {
                        moved.put(id, editor.graph().node(id).position().plus(dx, dy));
                    }
                    editor.execute(new MoveNodesCommand(moved, moved.size() == 1 ? "Move Layer" : "Move Layers"));
                }
            }
            case CONNECT -> {
                pending.setVisible(false);
                refusal.setVisible(false);
                NodeSkin target = skinOf(e.getPickResult().getIntersectedNode());
                if (target != null && target != connectFrom) {
                    Connections.Result r = Connections.connect(editor.graph(), connectFrom.id(), target.id());
                    if (r.allowed()) {
                        editor.execute(new ConnectCommand(r.edge().get()));
                    } else {
                        status.accept("Not connected: " + r.refusal());
                    }
                }
                connectFrom = null;
            }
            case RUBBER_BAND -> {
                rubberBand.setVisible(false);
                Bounds band = rubberBand.getBoundsInParent();
                skins.forEach((id, skin) -> {
                    if (skin.node().isVisible() && band.intersects(skin.node().getBoundsInParent())) {
                        editor.selection().add(id);
                    }
                });
            }
            default -> {
                // nothing to finish
            }
        }
        gesture = Gesture.NONE;
    }

    private void updatePending(Point2D to, boolean ok) {
        EdgeSkin.bend(pending, connectFrom.outputPoint(), to, horizontal);
        pending.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("refused"), !ok);
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown()) {
            zoomAt(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, e.getX(), e.getY());
        } else {
            panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(DRAG_PREFIX)) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        String text = e.getDragboard().hasString() ? e.getDragboard().getString() : "";
        boolean done = false;
        if (text.startsWith(DRAG_PREFIX)) {
            var type = LayerCatalog.find(text.substring(DRAG_PREFIX.length()));
            if (type.isPresent()) {
                Point2D at = toWorld(e.getX(), e.getY());
                addLayer(type.get(), new Position(at.getX() - NodeSkin.WIDTH / 2, at.getY() - NodeSkin.HEIGHT / 2),
                        null);
                done = true;
            }
        }
        e.setDropCompleted(done);
        e.consume();
    }
}
