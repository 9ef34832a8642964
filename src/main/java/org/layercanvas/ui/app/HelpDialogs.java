package org.layercanvas.ui.app;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Param;

/** The Help menu's dialogs: the layer reference, the keyboard shortcuts, about. */
final class HelpDialogs {
    private final Window owner;

    HelpDialogs(Window owner) {
        this.owner = owner;
    }

    /** Shows every layer kind with its parameters, defaults and docs. */
    void layerReference() {
        StringBuilder sb = new StringBuilder();
        for (LayerType t : LayerCatalog.all()) {
            sb.append(t.name()).append(" — ").append(t.doc()).append('\n');
            for (Param p : t.params()) {
                sb.append("    ").append(p.name()).append(" = ").append(Param.format(p.defaultValue())).append(": ")
                        .append(p.doc()).append('\n');
            }
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("Layer Reference");
        alert.setHeaderText("Every layer kind and its parameters");
        TextArea text = new TextArea(sb.toString());
        text.setEditable(false);
        text.setPrefSize(720, 480);
        alert.getDialogPane().setContent(text);
        alert.show();
    }

    /** Shows the keyboard shortcuts. */
    void shortcuts() {
        info("Keyboard shortcuts", String.join("\n",
                "Ctrl+N / Ctrl+O / Ctrl+S / Ctrl+Shift+S   New, Open, Save, Save As",
                "Ctrl+Shift+N   New from Template",
                "Ctrl+I   Import ONNX",
                "Ctrl+W / Ctrl+Q   Close, Quit",
                "Ctrl+Z / Ctrl+Shift+Z   Undo, Redo",
                "Ctrl+X / Ctrl+C / Ctrl+V / Ctrl+D   Cut, Copy, Paste, Duplicate",
                "Delete   Delete the selected layers or connection",
                "Ctrl+A   Select all",
                "Ctrl+G / Ctrl+Shift+G   Group the selection into a block, ungroup a block",
                "Double-click a block / Alt+Up   Open it to edit inside, go back out",
                "Ctrl+1 / Ctrl+2 / Ctrl+3   Layer, Data, Settings panels",
                "Ctrl+R / Ctrl+P / Ctrl+.   Train, Pause or Resume, Stop",
                "Ctrl+E   Export the trained model",
                "Ctrl+wheel, Ctrl+= / Ctrl+-   Zoom;  Ctrl+0   Fit",
                "Ctrl+L / Ctrl+Shift+L   Auto-layout top-down, left-right",
                "Middle drag or Space+drag, wheel   Pan",
                "Drag from a card's output port to another card   Connect",
                "Double-click a palette entry   Add it below the selection"));
    }

    /** Says what LayerCanvas is. */
    void about() {
        info("About LayerCanvas", "LayerCanvas — design neural networks visually, train them live, export them.");
    }

    private void info(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        alert.show();
    }
}
