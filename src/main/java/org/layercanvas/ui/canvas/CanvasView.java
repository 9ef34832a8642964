package org.layercanvas.ui.canvas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.value.ObservableDoubleValue;
import javafx.collections.SetChangeListener;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import org.layercanvas.edit.DesignChange;
import org.layercanvas.edit.RemoveCommand;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Position;
import org.layercanvas.ui.common.DesignEditor;

/**
 * The canvas: one card per layer and one curve per connection, drawn from the editor's graph. Each
 * change is applied as the difference it is (the skins of added, removed and touched layers and
 * their connections), and what lies outside the view is hidden. Holds view state only (zoom, pan,
 * the selected connection, a drag in progress); every change to the design goes through a command,
 * made by one of its gestures: {@link PanGesture}, {@link ConnectGesture}, {@link MoveGesture},
 * {@link MarqueeGesture}.
 */
public final class CanvasView extends Pane {
    private static final double CULL_MARGIN = 24;
    /** Below this zoom the cards' small type cannot be read, and they are drawn compact. */
    static final double READABLE = 0.6;


    private final DesignEditor editor;
    private final Group world = new Group();
    private final Group overlay = new Group();
    private final Viewport viewport = new Viewport();
    private final SkinLayer skins;
    private final PanGesture pan;
    private final List<Gesture> gestures;
    private Gesture active;
    private Edge selectedEdge;
    /** Where the view was at each level of opened blocks, to come back to on leaving the block. */
    private final Map<List<String>, double[]> views = new HashMap<>();
    private Runnable viewChanged = () -> { };

    /** Draws the design of {@code editor}; {@code status} hears why a gesture was refused. */
    public CanvasView(DesignEditor editor, Consumer<String> status) {
        this.editor = editor;
        setId("canvas");
        getStyleClass().add("canvas");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        viewport.attach(world);
        overlay.setMouseTransparent(true);
        skins = new SkinLayer(id -> editor.selection().contains(id));
        world.getChildren().addAll(skins.groups());
        world.getChildren().add(overlay);
        // the design's extent must not re-lay out the window: panning and edits change it all the
        // time (measured: 10-15 ms of layout a frame with 500 layers while it was managed)
        world.setManaged(false);
        world.setAutoSizeChildren(false);
        overlay.setAutoSizeChildren(false);
        getChildren().add(world);
        setFocusTraversable(true);
        pan = new PanGesture(this);
        gestures = List.of(pan, new ConnectGesture(this, editor, status), new EdgePickGesture(this),
                new MoveGesture(this, editor), new MarqueeGesture(this, editor));

        editor.scope().onChange(this::apply);
        // another design: the views remembered for its blocks mean nothing now
        editor.onChange(change -> {
            if (change.reopened()) {
                views.clear();
            }
        });
        // a block opened: show all of it; left: back to the view that was there before it was opened
        editor.scope().pathProperty().addListener((o, a, b) -> {
            Point2D centre = toWorld(getWidth() / 2, getHeight() / 2);
            views.put(a, new double[] {viewport.scale(), centre.getX(), centre.getY()});
            double[] back = b.size() < a.size() ? views.get(b) : null;
            if (back == null) {
                showOpened();
            } else {
                viewport.setScale(back[0]);
                viewport.place(back[1], back[2], getWidth() / 2, getHeight() / 2);
                cull();
            }
        });
        editor.selection().addListener((SetChangeListener<String>) c -> showSelection());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (active != null) {
                active.drag(e, toWorld(e.getX(), e.getY()));
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (active != null) {
                Gesture g = active;
                active = null;
                g.release(e, toWorld(e.getX(), e.getY()));
            }
        });
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(ZoomEvent.ZOOM, e -> zoomAt(e.getZoomFactor(), e.getX(), e.getY()));
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.SPACE) {
                pan.space(true);
            }
        });
        setOnKeyReleased(e -> {
            if (e.getCode() == KeyCode.SPACE) {
                pan.space(false);
            }
        });
        viewport.scaleProperty().addListener((o, a, b) -> showDetail());
        widthProperty().addListener((o, a, b) -> cull());
        heightProperty().addListener((o, a, b) -> cull());
        skins.rebuild(editor.scope().design(), editor.scope().analysis());
    }

    // ---- drawing --------------------------------------------------------------------------------

    private void apply(DesignChange change) {
        if (change.reopened()) {
            selectedEdge = null;
            skins.rebuild(change.after(), change.analysis());
            cull();
            return;
        }
        if (!change.graphChanged()) {
            return;
        }
        Set<String> touched = skins.apply(change);
        if (selectedEdge != null && !skins.has(selectedEdge)) {
            selectedEdge = null;
        }
        if (rearranged(change)) {
            // an auto-layout, or its undo or redo: the design may now lie anywhere, so show it
            showOpened();
            return;
        }
        if (touched == null) {
            cull();
        } else if (getWidth() > 0 && getHeight() > 0) {
            skins.cull(touched, toWorld(-CULL_MARGIN, -CULL_MARGIN),
                    toWorld(getWidth() + CULL_MARGIN, getHeight() + CULL_MARGIN));
        }
    }

    /**
     * Draws connections along the routes an auto-layout gave them, for as long as their ends stay
     * where it put them; the rest are curves.
     */
    void useRoutes(Map<Edge, List<Position>> routes) {
        skins.useRoutes(routes);
        skins.replaceEdges(editor.scope().analysis());
        cull();
    }

    /**
     * Returns whether a change moved every card of a design of several, and not all by the same
     * distance (as dragging them all does): a layout, not an edit.
     */
    private static boolean rearranged(DesignChange change) {
        var after = change.after().graph();
        var before = change.before().graph();
        if (after.size() < 2 || change.updated().size() != after.size()) {
            return false;
        }
        Position shift = null;
        boolean same = true;
        for (String id : change.updated()) {
            if (!before.contains(id)) {
                return false;
            }
            Position a = before.node(id).position();
            Position b = after.node(id).position();
            if (a.equals(b)) {
                return false;
            }
            Position d = new Position(b.x() - a.x(), b.y() - a.y());
            same &= shift == null || shift.equals(d);
            shift = d;
        }
        return !same;
    }

    /** Returns whether the ports are on the cards' sides (the design flows left to right). */
    public boolean horizontal() {
        return skins.horizontal();
    }

    /**
     * Hides what lies outside the view, so that a frame draws only the cards and connections a
     * person can see: with hundreds of layers most of them are off screen.
     */
    private void cull() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        skins.cull(toWorld(-CULL_MARGIN, -CULL_MARGIN), toWorld(getWidth() + CULL_MARGIN, getHeight() + CULL_MARGIN));
        viewChanged.run();
    }

    private void showSelection() {
        skins.showSelection(editor.selection()::contains, selectedEdge);
    }

    /** Selects a connection (null for none), clearing the selected layers. */
    void selectEdge(Edge edge) {
        selectedEdge = edge;
        if (edge != null) {
            editor.selection().clear();
        }
        showSelection();
    }

    /** Moves the selected cards by a distance in design units while they are dragged, their connections with them. */
    void shiftSelection(double dx, double dy) {
        skins.shift(Set.copyOf(editor.selection()), dx, dy, editor.scope().analysis());
        cull();
    }

    /** Returns the block definitions of the design shown, for a block dropped from the palette. */
    java.util.Map<String, org.layercanvas.graph.BlockDefinition> blocks() {
        return editor.graph().blocks();
    }

    /** Returns the ids of the visible cards that intersect a box in design units. */
    Set<String> cardsWithin(Bounds box) {
        return skins.cardsWithin(box);
    }

    /** Returns the group drawn above the cards for gestures' feedback, in design units. */
    Group overlay() {
        return overlay;
    }

    // ---- view -----------------------------------------------------------------------------------

    /** Draws the cards in full at a readable zoom, else compact with type that stays legible. */
    private void showDetail() {
        double scale = viewport.scale();
        skins.setCompact(scale < READABLE, 1 / scale);
    }

    /** Returns a point of the canvas in design units. */
    public Point2D toWorld(double x, double y) {
        return viewport.toWorld(x, y);
    }

    /** Returns the zoom, 1 at 100 %, as it changes. */
    public ObservableDoubleValue zoomProperty() {
        return viewport.scaleProperty();
    }

    /** Zooms by {@code factor} keeping the point under ({@code x}, {@code y}) in place. */
    public void zoomAt(double factor, double x, double y) {
        viewport.zoomAt(factor, x, y);
        cull();
    }

    /** Zooms around the centre of the view. */
    public void zoomBy(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Pans by a distance on screen. */
    public void panBy(double dx, double dy) {
        viewport.panBy(dx, dy);
        cull();
    }

    /**
     * Shows a design just opened: all of it when it fits at a readable size, else its top at a
     * readable zoom, centred across (the minimap shows the rest); an empty design at 100 %.
     */
    public void showOpened() {
        if (skins.isEmpty()) {
            viewport.setScale(1);
            viewport.place(0, 0, 40, 40);
            cull();
            return;
        }
        fit();
        if (viewport.scale() < 0.75) {
            Bounds b = contentBounds();
            viewport.setScale(0.75);
            // below the breadcrumbs, which show while a block is open
            viewport.place(b.getMinX() + b.getWidth() / 2, b.getMinY(), getWidth() / 2,
                    editor.scope().depth() > 0 ? 70 : 30);
        }
        cull();
    }

    /** Registers what to do whenever the view moves or the design changes (the minimap redraws). */
    void setOnViewChanged(Runnable action) {
        viewChanged = action;
    }

    /** Returns the part of the design in view, in design units. */
    public Bounds visibleBounds() {
        Point2D a = toWorld(0, 0);
        Point2D b = toWorld(getWidth(), getHeight());
        return new BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    /** Returns the bounds of every card, visible or not, in design units. */
    Bounds contentBounds() {
        return skins.contentBounds();
    }

    /** Pans so that a point of the design is in the middle of the view. */
    void centreOn(Point2D point) {
        viewport.place(point.getX(), point.getY(), getWidth() / 2, getHeight() / 2);
        cull();
    }

    /** Zooms and pans so that every layer is in view. */
    public void fit() {
        if (skins.isEmpty() || getWidth() <= 0) {
            return;
        }
        Bounds b = contentBounds();
        double margin = 40;
        double factor = Math.min((getWidth() - 2 * margin) / Math.max(b.getWidth(), 1),
                (getHeight() - 2 * margin) / Math.max(b.getHeight(), 1));
        viewport.setScale(Math.min(1.25, factor));
        viewport.place(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2, getWidth() / 2,
                getHeight() / 2);
        cull();
    }

    /** Pans so that a layer is in the middle of the view. */
    public void reveal(String id) {
        NodeSkin skin = skins.skin(id);
        if (skin != null) {
            centreOn(new Point2D(skin.node().getLayoutX() + NodeSkin.WIDTH / 2,
                    skin.node().getLayoutY() + NodeSkin.HEIGHT / 2));
        }
    }

    /** Lists the layers inside a block's card beside it, or hides the list again. */
    void toggleExpanded(String id) {
        NodeSkin skin = skins.skin(id);
        if (skin != null && skin.block()) {
            skin.setExpanded(!skin.expanded());
        }
    }

    /** Returns whether the card of {@code id} is a block's that lists its layers. */
    boolean expanded(String id) {
        NodeSkin skin = skins.skin(id);
        return skin != null && skin.expanded();
    }

    /** Returns the world point at the centre of the view. */
    Point2D centre() {
        return toWorld(getWidth() / 2, getHeight() / 2);
    }

    // ---- editing --------------------------------------------------------------------------------

    /** Pans just far enough that a card is wholly in view, if it is not. */
    void showCard(String id) {
        NodeSkin skin = skins.skin(id);
        if (skin == null || getWidth() <= 0) {
            return;
        }
        Bounds view = visibleBounds();
        double x = skin.node().getLayoutX();
        double y = skin.node().getLayoutY();
        double margin = 30 / viewport.scale();
        double dx = x < view.getMinX() ? view.getMinX() - x + margin
                : x + NodeSkin.WIDTH > view.getMaxX() ? view.getMaxX() - x - NodeSkin.WIDTH - margin : 0;
        double dy = y < view.getMinY() ? view.getMinY() - y + margin
                : y + NodeSkin.HEIGHT > view.getMaxY() ? view.getMaxY() - y - NodeSkin.HEIGHT - margin : 0;
        if (dx != 0 || dy != 0) {
            panBy(dx * viewport.scale(), dy * viewport.scale());
        }
    }

    /** Deletes the selected layers and the selected connection. */
    public void deleteSelection() {
        Set<String> ids = Set.copyOf(editor.selection());
        List<Edge> edges = selectedEdge == null ? List.of() : List.of(selectedEdge);
        if (ids.isEmpty() && edges.isEmpty()) {
            return;
        }
        selectedEdge = null;
        editor.scope().execute(new RemoveCommand(ids, edges));
    }

    /** Selects every layer. */
    public void selectAll() {
        editor.selection().addAll(skins.ids());
    }

    // ---- gestures -------------------------------------------------------------------------------

    /** Returns the card a picked node belongs to, or null. */
    static NodeSkin skinOf(Node picked) {
        for (Node n = picked; n != null; n = n.getParent()) {
            if (n.getUserData() instanceof NodeSkin s) {
                return s;
            }
        }
        return null;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        Point2D at = toWorld(e.getX(), e.getY());
        active = null;
        for (Gesture g : gestures) {
            if (g.press(e, at)) {
                active = g;
                return;
            }
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown()) {
            zoomAt(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, e.getX(), e.getY());
        } else {
            panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }
}
