package org.layercanvas.ui.canvas;

import javafx.geometry.Point2D;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.Structural;

/**
 * A palette entry dropped on the canvas: a new layer of its kind, or an instance of one of the
 * design's blocks, centred where it was dropped.
 */
final class PaletteDrop {
    private PaletteDrop() {
    }

    /** Lets {@code canvas} take palette entries, adding each through {@code actions}. */
    static void install(CanvasView canvas, CanvasActions actions) {
        canvas.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && entry(canvas, e.getDragboard().getString()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        canvas.setOnDragDropped(e -> dropped(canvas, actions, e));
    }

    /** Returns the entry a drag's text names, or null when it names none: a kind, or a block of the design. */
    private static PaletteEntry entry(CanvasView canvas, String text) {
        if (text.startsWith(PaletteEntry.LAYER)) {
            return LayerCatalog.find(text.substring(PaletteEntry.LAYER.length()))
                    .filter(t -> !Structural.class.isAssignableFrom(t.specClass())).map(PaletteEntry::of).orElse(null);
        }
        if (text.startsWith(PaletteEntry.BLOCK)) {
            String id = text.substring(PaletteEntry.BLOCK.length());
            var d = canvas.blocks().get(id);
            return d == null ? null : PaletteEntry.block(id, d);
        }
        return null;
    }

    private static void dropped(CanvasView canvas, CanvasActions actions, DragEvent e) {
        String text = e.getDragboard().hasString() ? e.getDragboard().getString() : "";
        boolean done = false;
        PaletteEntry entry = entry(canvas, text);
        if (entry != null) {
            Point2D at = canvas.toWorld(e.getX(), e.getY());
            actions.add(entry, new Position(at.getX() - NodeSkin.WIDTH / 2, at.getY() - NodeSkin.HEIGHT / 2), null);
            done = true;
        }
        e.setDropCompleted(done);
        e.consume();
    }
}
