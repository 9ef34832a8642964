package org.layercanvas.ui.canvas;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.layercanvas.ui.common.DesignEditor;

/**
 * Where the canvas is while a block is open: the design, then each block opened, as links back out
 * (Alt+Up goes out one), and how many instances an edit here changes. Hidden at the design itself.
 */
public final class Breadcrumbs extends HBox {
    private final DesignEditor editor;
    private Trail shown;

    /** What the breadcrumbs show: the design's name, the blocks opened, the instances an edit changes. */
    private record Trail(String design, List<String> names, int uses) {
    }

    /** Follows the scope of {@code editor}. */
    public Breadcrumbs(DesignEditor editor) {
        super(4);
        this.editor = editor;
        setId("breadcrumbs");
        getStyleClass().add("breadcrumbs");
        setAlignment(Pos.CENTER_LEFT);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setPickOnBounds(false);
        editor.scope().pathProperty().addListener((o, a, b) -> show());
        editor.onChange(c -> {
            if (editor.scope().depth() > 0) {
                show();
            }
        });
        show();
    }

    private void show() {
        List<String> names = editor.scope().names();
        String design = editor.design().name().isBlank() ? "Design" : editor.design().name();
        int uses = names.isEmpty() ? 0 : editor.graph().uses(editor.scope().definition().orElse(""));
        Trail trail = new Trail(design, names, uses);
        // most edits inside a block change none of this: new links (and their tooltips) cost a frame
        if (trail.equals(shown)) {
            return;
        }
        shown = trail;
        getChildren().clear();
        setVisible(!names.isEmpty());
        setManaged(!names.isEmpty());
        if (names.isEmpty()) {
            return;
        }
        for (int depth = 0; depth < names.size(); depth++) {
            int target = depth;
            Hyperlink link = new Hyperlink(depth == 0 ? design : names.get(depth - 1));
            link.setId("crumb-" + depth);
            link.setTooltip(new Tooltip(depth == 0 ? "Back to the whole design" : "Back to this block"));
            link.setOnAction(e -> editor.scope().leave(target));
            getChildren().addAll(link, new Label("›"));
        }
        Label here = new Label(names.get(names.size() - 1));
        here.getStyleClass().add("crumb-here");
        here.setId("crumb-here");
        Label note = new Label(uses > 1 ? "— edits change all " + uses + " instances" : "— edits change this block");
        note.getStyleClass().add("crumb-note");
        getChildren().addAll(here, note);
    }
}
