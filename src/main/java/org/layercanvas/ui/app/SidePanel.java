package org.layercanvas.ui.app;

import java.util.Locale;
import javafx.collections.SetChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import org.layercanvas.ui.common.DesignEditor;

/**
 * The right-hand side of the window: the selected layer's inspector, the design's dataset and its
 * training settings, one tab each (Ctrl+1, 2, 3). Selecting a layer on the canvas brings the
 * inspector forward.
 */
final class SidePanel extends TabPane {
    private final Tab layer;
    private final Tab data;
    private final Tab settings;

    SidePanel(DesignEditor editor, Node inspector, Node dataView, Node settingsView) {
        layer = tab("Layer", inspector, "The selected layer's name and parameters (Ctrl+1)");
        data = tab("Data", dataView, "What the design trains on, with a preview and a check against the design"
                + " (Ctrl+2)");
        settings = tab("Settings", settingsView, "Optimizer, learning rate, batch size, epochs and the rest (Ctrl+3)");
        getTabs().addAll(layer, data, settings);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        setId("side-tabs");
        setMinWidth(300);
        editor.selection().addListener((SetChangeListener<String>) c -> {
            if (c.wasAdded() && editor.selection().size() == 1) {
                getSelectionModel().select(layer);
            }
        });
    }

    private static Tab tab(String name, Node content, String tip) {
        Tab t = new Tab(name, content);
        t.setId("tab-" + name.toLowerCase(Locale.ROOT));
        t.setTooltip(new Tooltip(tip));
        return t;
    }

    /** Brings the tab at {@code index} (0 layer, 1 data, 2 settings) forward and moves the keyboard focus into it. */
    void show(int index) {
        Tab tab = getTabs().get(index);
        getSelectionModel().select(tab);
        tab.getContent().requestFocus();
    }
}
