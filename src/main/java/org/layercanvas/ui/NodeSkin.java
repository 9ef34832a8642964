package org.layercanvas.ui;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import org.layercanvas.graph.Arity;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.NodeReport;

/**
 * The card of one layer on the canvas: name, kind, output shape and parameter count, an input port
 * on top and an output port below, coloured by category and marked when the layer has an error.
 * Holds a JavaFX node and nothing of the document: {@link #update} redraws it from a layer.
 */
final class NodeSkin {
    static final double WIDTH = 204;
    static final double HEIGHT = 70;
    private static final double PORT = 6;

    private final Group root = new Group();
    private final VBox card = new VBox(2);
    private final Rectangle accent = new Rectangle(WIDTH, 5);
    private final Label name = new Label();
    private final Label kind = new Label();
    private final Label shape = new Label();
    private final Label params = new Label();
    private final Circle input = new Circle(PORT);
    private final Circle output = new Circle(PORT);
    private final Tooltip tooltip = new Tooltip();
    private String id;
    private boolean selected;
    private boolean hasError;

    NodeSkin(LayerNode node) {
        this.id = node.id();
        card.getStyleClass().add("layer-card");
        card.setPrefSize(WIDTH, HEIGHT);
        card.setMinSize(WIDTH, HEIGHT);
        card.setMaxSize(WIDTH, HEIGHT);
        card.setPadding(new Insets(0, 0, 6, 0));
        name.getStyleClass().add("layer-name");
        kind.getStyleClass().add("layer-kind");
        shape.getStyleClass().add("layer-shape");
        params.getStyleClass().add("layer-params");
        shape.setMinWidth(Region.USE_PREF_SIZE);
        name.setMinWidth(Region.USE_PREF_SIZE);
        HBox title = new HBox(6, name, kind);
        title.setPadding(new Insets(4, 10, 0, 10));
        Region spacer = new Region();
        HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        HBox info = new HBox(6, shape, spacer, params);
        info.setPadding(new Insets(0, 10, 0, 10));
        card.getChildren().addAll(accent, title, info);
        input.getStyleClass().add("port");
        output.getStyleClass().add("port");
        input.setCenterX(WIDTH / 2);
        output.setCenterX(WIDTH / 2);
        output.setCenterY(HEIGHT);
        root.getChildren().addAll(card, input, output);
        root.setUserData(this);
        input.setUserData(this);
        output.setUserData(this);
        Tooltip.install(card, tooltip);
    }

    /** Redraws the card from a layer, its analysis report and its problems. */
    void update(LayerNode node, NodeReport report, List<Diagnostic> problems) {
        this.id = node.id();
        root.setLayoutX(node.position().x());
        root.setLayoutY(node.position().y());
        name.setText(node.name());
        kind.setText(node.kind());
        shape.setText(report.output() == null ? "?" : report.output().toString());
        params.setText(report.params() == 0 ? "" : compact(report.params()) + " p");
        accent.setFill(CategoryStyle.color(node.spec().type().category()));
        input.setVisible(node.spec().type().arity() != Arity.NONE);
        hasError = problems.stream().anyMatch(Diagnostic::isError);
        StringBuilder tip = new StringBuilder(node.kind() + " — " + node.spec().type().doc());
        problems.forEach(d -> tip.append("\n").append(d.isError() ? "Error: " : "Warning: ").append(d.message()));
        tooltip.setText(tip.toString());
        style();
    }

    /** Shows or hides the selection highlight. */
    void setSelected(boolean value) {
        selected = value;
        style();
    }

    private void style() {
        card.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), selected);
        card.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), hasError);
    }

    static String compact(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }

    /** Returns the id of the layer drawn. */
    String id() {
        return id;
    }

    /** Returns the JavaFX node to put on the canvas. */
    Group node() {
        return root;
    }

    /** Returns the card, for hit tests and drags. */
    Region card() {
        return card;
    }

    /** Returns the input port's circle. */
    Circle inputPort() {
        return input;
    }

    /** Returns the output port's circle. */
    Circle outputPort() {
        return output;
    }

    /** Returns where connections leave the card, in canvas units. */
    Point2D outputPoint() {
        return new Point2D(root.getLayoutX() + root.getTranslateX() + WIDTH / 2,
                root.getLayoutY() + root.getTranslateY() + HEIGHT);
    }

    /** Returns where the connection into {@code port} of {@code ports} lands, in canvas units. */
    Point2D inputPoint(int index, int count) {
        double spread = count <= 1 ? 0 : (index - (count - 1) / 2.0) * 16;
        return new Point2D(root.getLayoutX() + root.getTranslateX() + WIDTH / 2 + spread,
                root.getLayoutY() + root.getTranslateY());
    }
}
