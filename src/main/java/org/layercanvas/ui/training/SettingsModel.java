package org.layercanvas.ui.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.layercanvas.edit.SetSectionCommand;
import org.layercanvas.engine.Setting;
import org.layercanvas.engine.SettingsException;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.ui.common.DesignEditor;

/**
 * The Settings panel without its controls: each training setting set as one undoable edit of the
 * design's {@code training} section, after the settings catalog accepts the value with the others;
 * a value it refuses is not set, and the refusal names the setting. Only the keys a person sets are
 * written to the file.
 */
public final class SettingsModel {

    /**
     * Why a value was not set.
     *
     * @param key the setting it was for, or null for the section as a whole
     * @param message the reason: {@code training.batchSize: expected …}
     */
    public record Refusal(String key, String message) {
    }

    private final DesignEditor editor;
    private final Consumer<String> status;
    private final ReadOnlyObjectWrapper<Refusal> refusal = new ReadOnlyObjectWrapper<>();

    /** Edits the training section of the design of {@code editor}; {@code status} hears what was refused. */
    public SettingsModel(DesignEditor editor, Consumer<String> status) {
        this.editor = editor;
        this.status = status;
        editor.onChange(c -> {
            if (c.reopened()) {
                refusal.set(null);
            }
        });
    }

    /** Returns why the last value was not set, or null when it was. */
    public ReadOnlyObjectProperty<Refusal> refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** Returns the settings the design trains with: its section over the defaults (the defaults when it is refused). */
    public Map<String, Object> effective() {
        try {
            return TrainingSettings.fromMap(editor.design().training()).toMap();
        } catch (SettingsException e) {
            return TrainingSettings.DEFAULTS.toMap();
        }
    }

    /** Returns why the design file's own training section is refused, if it is. */
    public Optional<String> problem() {
        try {
            TrainingSettings.fromMap(editor.design().training());
            return Optional.empty();
        } catch (SettingsException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Sets a setting from what a person typed or picked; returns whether it was set. */
    public boolean set(Setting setting, String text) {
        Object value;
        try {
            value = setting.parse(text);
        } catch (SettingsException e) {
            return refuse(new Refusal(setting.key(), e.getMessage()));
        }
        if (value.equals(effective().get(setting.key()))) {
            refusal.set(null);
            return true;
        }
        Map<String, Object> next = new LinkedHashMap<>(editor.design().training());
        next.put(setting.key(), value);
        try {
            TrainingSettings.fromMap(next);
        } catch (SettingsException e) {
            return refuse(new Refusal(setting.key(), e.getMessage()));
        }
        return execute(next, "Set " + setting.label());
    }

    /** Removes every setting from the design, so that each takes its default. */
    public void useDefaults() {
        execute(Map.of(), "Reset Training Settings");
    }

    private boolean execute(Map<String, Object> next, String description) {
        refusal.set(null);
        Optional<String> failed = editor.execute(new SetSectionCommand(SetSectionCommand.Section.TRAINING, next,
                description));
        failed.ifPresent(r -> refuse(new Refusal(null, r)));
        return failed.isEmpty();
    }

    private boolean refuse(Refusal r) {
        refusal.set(r);
        status.accept("Refused: " + r.message());
        return false;
    }
}
