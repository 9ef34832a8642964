package org.layercanvas.ui.canvas;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/** The canvas's zoom as a person reads it, {@code 75 %}, in a corner of the canvas; a click goes back to 100 %. */
public final class ZoomLevel extends Button {

    /** Shows the zoom of {@code canvas}. */
    public ZoomLevel(CanvasView canvas) {
        setId("zoom-level");
        getStyleClass().add("zoom-level");
        setFocusTraversable(false);
        textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.0f %%",
                canvas.zoomProperty().get() * 100), canvas.zoomProperty()));
        setTooltip(new Tooltip("The zoom; click for 100 % (Ctrl+wheel or Ctrl+= / Ctrl+- to zoom, Ctrl+0 to fit)"));
        setOnAction(e -> canvas.zoomBy(1 / canvas.zoomProperty().get()));
    }
}
