package org.layercanvas.ui.canvas;

import javafx.geometry.Point2D;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.Position;

/** A palette entry dropped on the canvas: a new layer of its kind, centred where it was dropped. */
final class PaletteDrop {
    /** The drag-and-drop text a palette entry carries: {@code layer:Dense}. */
    static final String PREFIX = "layer:";

    private PaletteDrop() {
    }

    /** Lets {@code canvas} take palette entries, adding each through {@code actions}. */
    static void install(CanvasView canvas, CanvasActions actions) {
        canvas.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(PREFIX)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        canvas.setOnDragDropped(e -> dropped(canvas, actions, e));
    }

    private static void dropped(CanvasView canvas, CanvasActions actions, DragEvent e) {
        String text = e.getDragboard().hasString() ? e.getDragboard().getString() : "";
        boolean done = false;
        if (text.startsWith(PREFIX)) {
            var type = LayerCatalog.find(text.substring(PREFIX.length()));
            if (type.isPresent()) {
                Point2D at = canvas.toWorld(e.getX(), e.getY());
                actions.add(type.get(), new Position(at.getX() - NodeSkin.WIDTH / 2, at.getY() - NodeSkin.HEIGHT / 2),
                        null);
                done = true;
            }
        }
        e.setDropCompleted(done);
        e.consume();
    }
}
