package org.layercanvas.ui;

import javafx.collections.SetChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/**
 * The right-hand side of the window: the selected layer's inspector, the design's dataset and its
 * training settings, one tab each. Selecting a layer on the canvas brings the inspector forward.
 */
final class SidePanel extends TabPane {
    private final Tab layer;
    private final Tab data;
    private final Tab settings;

    SidePanel(DesignEditor editor, InspectorView inspector, DataView dataView, SettingsView settingsView) {
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
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+1"), () -> show(layer));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+2"), () -> show(data));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+3"), () -> show(settings));
            }
        });
        // lets a screenshot script open the window on a tab: -Dlayercanvas.tab=data
        switch (System.getProperty("layercanvas.tab", "layer")) {
            case "data" -> getSelectionModel().select(data);
            case "settings" -> getSelectionModel().select(settings);
            default -> getSelectionModel().select(layer);
        }
    }

    private static Tab tab(String name, javafx.scene.Node content, String tip) {
        Tab t = new Tab(name, content);
        t.setId("tab-" + name.toLowerCase(java.util.Locale.ROOT));
        t.setTooltip(new Tooltip(tip));
        return t;
    }

    /** Brings a tab forward and moves the keyboard focus into it. */
    private void show(Tab tab) {
        getSelectionModel().select(tab);
        tab.getContent().requestFocus();
    }
}
