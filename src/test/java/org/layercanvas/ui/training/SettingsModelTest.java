package org.layercanvas.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layercanvas.engine.SettingsCatalog;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.ui.common.DesignEditor;

/** The Settings panel's edits, without the toolkit: what is set, what is refused and why. */
class SettingsModelTest {
    private final List<String> said = new ArrayList<>();
    private final DesignEditor editor = new DesignEditor(new Design("d", Graph.empty(), Map.of(),
            Map.of("epochs", 60)), null);
    private final SettingsModel model = new SettingsModel(editor, said::add);

    @Test
    void aTypedValueIsOneUndoableEditOfTheTrainingSection() {
        assertThat(model.set(SettingsCatalog.setting("learningRate"), "0.05")).isTrue();
        assertThat(editor.design().training()).containsEntry("learningRate", 0.05).containsEntry("epochs", 60);
        assertThat(editor.undoDescription()).contains("Set Learning rate");
        assertThat(model.set(SettingsCatalog.setting("learningRate"), "0.05")).as("the same value is no edit").isTrue();
        editor.undo();
        assertThat(editor.design().training()).doesNotContainKey("learningRate");
    }

    @Test
    void aValueTheCatalogRefusesIsNotSetAndTheRefusalNamesTheSetting() {
        long revision = editor.revision();
        assertThat(model.set(SettingsCatalog.setting("batchSize"), "0")).isFalse();
        assertThat(model.refusalProperty().get().key()).isEqualTo("batchSize");
        assertThat(model.refusalProperty().get().message()).contains("training.batchSize").contains("1 to 65536");
        assertThat(model.set(SettingsCatalog.setting("epochs"), "lots")).isFalse();
        assertThat(model.refusalProperty().get().message()).isEqualTo("training.epochs: expected a whole number, got \"lots\"");
        assertThat(editor.revision()).isEqualTo(revision);
        assertThat(said).last().asString().startsWith("Refused: training.epochs");
        model.useDefaults();
        assertThat(editor.design().training()).isEmpty();
        assertThat(model.refusalProperty().get()).isNull();
    }
}
