package org.layercanvas.ui.canvas;

import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.layercanvas.graph.Arity;
import org.layercanvas.graph.BlockOutput;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.NodeReport;
import org.layercanvas.graph.Output;
import org.layercanvas.ui.common.Counts;

/**
 * The card of one layer on the canvas: name, kind, output shape and parameter count, an input port
 * on top and an output port below (or left and right when the design flows sideways), coloured by
 * category and marked when the layer has an error. Every connection into a merge lands on its one
 * input port, spread along the side; an attention fed a query, a key and a value has a labelled port
 * for each instead.
 * Built of shapes and text, not controls, so that hundreds of cards stay cheap to style and draw.
 * Holds a JavaFX node and nothing of the document: {@link #update} redraws it from a layer.
 */
public final class NodeSkin {
    public static final double WIDTH = 204;
    public static final double HEIGHT = 70;
    private static final double PORT = 6;
    private static final double PAD = 10;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final Group root = new Group();
    private final Rectangle card = new Rectangle(WIDTH, HEIGHT);
    private final Rectangle accent = new Rectangle(WIDTH - 2, 5);
    private final Text name = new Text();
    private final Text kind = new Text();
    private final Text shape = new Text();
    private final Text params = new Text();
    private final Text compactName = new Text();
    private final Text compactKind = new Text();
    private final Group compact = new Group(compactName, compactKind);
    /** A second card behind a block's, so that a block reads as a stack of layers. */
    private final Rectangle stack = new Rectangle(WIDTH, HEIGHT);
    /** A block's expand and collapse arrow. */
    private final Text toggle = new Text("▸");
    /** An expanded block's list of the layers inside, beside the card. */
    private final Text insideText = new Text();
    private final Rectangle insideBack = new Rectangle();
    private final Group inside = new Group(insideBack, insideText);
    private boolean expanded;
    private boolean block;
    private final Circle input = new Circle(PORT);
    /** The input ports of a layer whose inputs have roles, and their labels (hidden when compact). */
    private final Group rolePorts = new Group();
    private final Group roleLabels = new Group();
    private List<String> portLabels = List.of();
    private final Circle output = new Circle(PORT);
    private boolean horizontal;
    private String tip = "";
    private Tooltip tooltip;
    private String id;
    private List<Object> drawn = List.of();
    private String fullKind = "";
    private String fullShape = "";
    /** Measures texts for fitting them to the card; used on the FX thread only. */
    private static final Text MEASURE = new Text();

    NodeSkin(LayerNode node) {
        this.id = node.id();
        card.getStyleClass().add("layer-card");
        card.setArcWidth(14);
        card.setArcHeight(14);
        accent.setX(1);
        accent.setY(1);
        accent.setArcWidth(8);
        accent.setArcHeight(8);
        accent.setMouseTransparent(true);
        name.getStyleClass().add("layer-name");
        kind.getStyleClass().add("layer-kind");
        shape.getStyleClass().add("layer-shape");
        params.getStyleClass().add("layer-params");
        name.setX(PAD);
        name.setY(26);
        shape.setX(PAD);
        shape.setY(50);
        kind.setY(26);
        params.setY(50);
        // placed after CSS gives the texts their fonts, so they follow the real widths
        kind.xProperty().bind(name.layoutBoundsProperty().map(b -> PAD + b.getWidth() + 6));
        // the kind gives way to the name (and a block's toggle) on the top line, and a block's two
        // shapes to its output shape beside the parameter count, cut to the room left once CSS gives
        // them their fonts
        kind.xProperty().addListener((o, a, b) -> fitTexts());
        kind.fontProperty().addListener((o, a, b) -> fitTexts());
        params.fontProperty().addListener((o, a, b) -> fitTexts());
        shape.fontProperty().addListener((o, a, b) -> fitTexts());
        params.setX(PAD);
        params.setWrappingWidth(WIDTH - 2 * PAD);
        params.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
        for (Text t : List.of(name, kind, shape, params)) {
            t.setMouseTransparent(true);
        }
        input.getStyleClass().addAll("port", "input-port");
        output.getStyleClass().addAll("port", "output-port");
        input.setCenterX(WIDTH / 2);
        output.setCenterX(WIDTH / 2);
        output.setCenterY(HEIGHT);
        compactName.getStyleClass().add("layer-compact-name");
        compactKind.getStyleClass().add("layer-compact-kind");
        // fonts set here, not in CSS, so the texts can be measured the moment they change
        compactName.setFont(Font.font(null, FontWeight.BOLD, 13));
        compactKind.setFont(Font.font(null, FontWeight.NORMAL, 11));
        compactName.setTextOrigin(VPos.TOP);
        compactKind.setTextOrigin(VPos.TOP);
        compactKind.setY(16);
        compact.setMouseTransparent(true);
        compact.setVisible(false);
        compact.setAutoSizeChildren(false);
        stack.getStyleClass().add("block-stack");
        stack.setArcWidth(14);
        stack.setArcHeight(14);
        stack.setX(7);
        stack.setY(7);
        stack.setMouseTransparent(true);
        toggle.getStyleClass().add("block-toggle");
        toggle.setX(WIDTH - 20);
        toggle.setY(24);
        toggle.setOnMousePressed(javafx.event.Event::consume);
        toggle.setOnMouseClicked(e -> {
            setExpanded(!expanded);
            e.consume();
        });
        insideBack.getStyleClass().add("block-inside");
        insideBack.setArcWidth(10);
        insideBack.setArcHeight(10);
        insideText.getStyleClass().add("block-inside-text");
        insideText.setTextOrigin(VPos.TOP);
        insideText.setX(8);
        insideText.setY(6);
        insideBack.widthProperty().bind(insideText.layoutBoundsProperty().map(b -> b.getWidth() + 16));
        insideBack.heightProperty().bind(insideText.layoutBoundsProperty().map(b -> b.getHeight() + 12));
        inside.setLayoutX(WIDTH + 12);
        inside.setMouseTransparent(true);
        rolePorts.setMouseTransparent(true);
        roleLabels.setMouseTransparent(true);
        root.getChildren().addAll(stack, card, accent, name, kind, shape, params, compact, toggle, inside, input,
                rolePorts, roleLabels, output);
        root.setUserData(this);
        root.setAutoSizeChildren(false);
        // one tooltip per card costs a popup window each; make it when the pointer first comes by
        card.setOnMouseEntered(e -> {
            if (tooltip == null) {
                tooltip = new Tooltip(tip);
                Tooltip.install(card, tooltip);
            }
        });
    }

    /**
     * Redraws the card from a layer, its analysis report and its problems.
     *
     * @return whether anything changed; most edits touch one layer, and the other cards stay as drawn
     */
    boolean update(LayerNode node, CardText text, NodeReport report, List<Diagnostic> problems) {
        List<Object> state = List.of(node, text, report, problems);
        if (state.equals(drawn)) {
            return false;
        }
        drawn = state;
        this.id = node.id();
        root.setId("card-" + node.name());
        root.setLayoutX(node.position().x());
        root.setLayoutY(node.position().y());
        name.setText(node.name());
        kind.setText(text.kind());
        compactName.setText(node.name());
        compactKind.setText(text.kind());
        // each line centred over the other
        double nameWidth = compactName.getLayoutBounds().getWidth();
        double kindWidth = compactKind.getLayoutBounds().getWidth();
        compactName.setX(Math.max(0, (kindWidth - nameWidth) / 2));
        compactKind.setX(Math.max(0, (nameWidth - kindWidth) / 2));
        shape.setText(text.shape());
        block = !text.inside().isEmpty();
        insideText.setText(String.join("\n", text.inside()));
        showBlock();
        params.setText(report.params() == 0 ? "" : Counts.compact(report.params()) + " p");
        fullKind = text.kind();
        fullShape = text.shape();
        fitTexts();
        accent.setFill(CategoryStyle.color(node.spec().type().category()));
        if (!text.ports().equals(portLabels)) {
            portLabels = text.ports();
            placeRolePorts();
        }
        input.setVisible(node.spec().type().arity() != Arity.NONE && portLabels.isEmpty());
        // an Output ends the design, a block's output its body: nothing can be connected from them
        output.setVisible(!(node.spec() instanceof Output) && !(node.spec() instanceof BlockOutput));
        card.pseudoClassStateChanged(ERROR, problems.stream().anyMatch(Diagnostic::isError));
        StringBuilder tipText = new StringBuilder(block ? "Block " + text.kind() + " — a group of layers defined once"
                + " in the design. Double-click to open it, click ▸ to list its layers."
                : node.kind() + " — " + node.spec().type().doc());
        problems.forEach(d -> tipText.append("\n").append(d.isError() ? "Error: " : "Warning: ").append(d.message()));
        tip = tipText.toString();
        if (tooltip != null) {
            tooltip.setText(tip);
        }
        return true;
    }

    private void fitTexts() {
        double room = WIDTH - PAD - kind.getX() - (block ? 18 : 0);
        // a repeat count stays whole: "basi… ×2"
        int times = fullKind.lastIndexOf(" ×");
        String keep = times < 0 ? "" : fullKind.substring(times);
        String cut = elide(fullKind.substring(0, times < 0 ? fullKind.length() : times), kind.getFont(),
                room - width(keep, kind.getFont()));
        kind.setText(cut + keep);
        boolean fits = width(fullShape, shape.getFont()) <= WIDTH - 2 * PAD - 8 - width(params.getText(), params.getFont());
        int arrow = fullShape.indexOf('→');
        shape.setText(fits || arrow < 0 ? fullShape : fullShape.substring(arrow));
    }

    private static double width(String text, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(text);
        return MEASURE.getLayoutBounds().getWidth();
    }

    /** Returns {@code text}, or as much of it as fits {@code room} followed by an ellipsis, or nothing. */
    private static String elide(String text, Font font, double room) {
        if (width(text, font) <= room) {
            return text;
        }
        for (int n = text.length() - 1; n > 0; n--) {
            String cut = text.substring(0, n) + "…";
            if (width(cut, font) <= room) {
                return cut;
            }
        }
        return "";
    }

    /**
     * Draws the card in full, or, when the view is zoomed out too far for its small type to be read,
     * as its name and kind alone, enlarged by {@code enlarge} (the inverse of the zoom, so they keep
     * their size on screen) as far as the card has room for them.
     */
    void setCompact(boolean small, double enlarge) {
        for (Text t : List.of(name, kind, shape, params)) {
            t.setVisible(!small);
        }
        roleLabels.setVisible(!small);
        this.small = small;
        showBlock();
        compact.setVisible(small);
        if (small) {
            Bounds b = compact.getLayoutBounds();
            double factor = Math.min(enlarge, Math.min((WIDTH - 2 * PAD) / Math.max(b.getWidth(), 1),
                    (HEIGHT - 10) / Math.max(b.getHeight(), 1)));
            compact.setScaleX(factor);
            compact.setScaleY(factor);
            // scaled about its centre: put that centre on the card's
            compact.setLayoutX(WIDTH / 2 - (b.getMinX() + b.getWidth() / 2));
            compact.setLayoutY(HEIGHT / 2 + 2 - (b.getMinY() + b.getHeight() / 2));
        }
    }

    private boolean small;

    private void showBlock() {
        stack.setVisible(block);
        toggle.setVisible(block && !small);
        toggle.setText(expanded ? "▾" : "▸");
        inside.setVisible(block && expanded && !small);
        if (inside.isVisible()) {
            // over the cards beside it
            root.toFront();
        }
    }

    /** Returns whether this block's card lists the layers inside it. */
    boolean expanded() {
        return expanded;
    }

    /** Lists the layers inside this block's card beside it, or hides the list. */
    void setExpanded(boolean value) {
        expanded = value;
        showBlock();
    }

    /** Returns whether the card is a block's. */
    boolean block() {
        return block;
    }

    /** Shows or hides the selection highlight. */
    void setSelected(boolean value) {
        card.pseudoClassStateChanged(SELECTED, value);
    }

    /** Returns the id of the layer drawn. */
    String id() {
        return id;
    }

    /** Returns the JavaFX node to put on the canvas. */
    Group node() {
        return root;
    }

    /** Returns the card's background, for hit tests and drags. */
    Rectangle card() {
        return card;
    }

    /** Returns the output port's circle. */
    Circle outputPort() {
        return output;
    }

    /** Puts the ports on the left and right sides ({@code true}) or on top and below. */
    void setHorizontal(boolean sideways) {
        horizontal = sideways;
        input.setCenterX(sideways ? 0 : WIDTH / 2);
        input.setCenterY(sideways ? HEIGHT / 2 : 0);
        output.setCenterX(sideways ? WIDTH : WIDTH / 2);
        output.setCenterY(sideways ? HEIGHT / 2 : HEIGHT);
        placeRolePorts();
    }

    /** Draws one labelled port per input role where {@link #inputPoint} lands its connection. */
    private void placeRolePorts() {
        rolePorts.getChildren().clear();
        roleLabels.getChildren().clear();
        for (int i = 0; i < portLabels.size(); i++) {
            double share = (i + 1.0) / (portLabels.size() + 1);
            double x = horizontal ? 0 : WIDTH * share;
            double y = horizontal ? HEIGHT * share : 0;
            Circle port = new Circle(x, y, PORT);
            port.getStyleClass().addAll("port", "input-port");
            Text label = new Text(portLabels.get(i));
            label.getStyleClass().add("port-label");
            label.setTextOrigin(VPos.CENTER);
            // beside the port, outside the card, clear of the connection coming in
            label.setX(horizontal ? -PORT - 9 : x + PORT + 2);
            label.setY(horizontal ? y - PORT - 5 : -PORT - 3);
            rolePorts.getChildren().add(port);
            roleLabels.getChildren().add(label);
        }
    }

    /** Returns where connections leave the card, in canvas units. */
    Point2D outputPoint() {
        double x = root.getLayoutX() + root.getTranslateX();
        double y = root.getLayoutY() + root.getTranslateY();
        return horizontal ? new Point2D(x + WIDTH, y + HEIGHT / 2) : new Point2D(x + WIDTH / 2, y + HEIGHT);
    }

    /**
     * Returns where the connection into the {@code index}-th of {@code count} inputs lands, in canvas
     * units: spread evenly along the input side, input 0 leftmost (or topmost), as the auto-layout
     * places its ports; on a labelled port when the inputs have roles.
     */
    Point2D inputPoint(int index, int count) {
        double x = root.getLayoutX() + root.getTranslateX();
        double y = root.getLayoutY() + root.getTranslateY();
        int slots = portLabels.isEmpty() ? count : portLabels.size();
        double share = slots <= 1 ? 0.5 : (index + 1.0) / (slots + 1);
        return horizontal ? new Point2D(x, y + HEIGHT * share) : new Point2D(x + WIDTH * share, y);
    }
}
