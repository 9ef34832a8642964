package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsCatalogTest {

    @Test
    void everySettingOfTheRecordHasOneEntryInItsOrderAndType() {
        RecordComponent[] components = TrainingSettings.class.getRecordComponents();
        assertThat(SettingsCatalog.keys()).containsExactlyElementsOf(
                Arrays.stream(components).map(RecordComponent::getName).toList());
        for (RecordComponent c : components) {
            Setting s = SettingsCatalog.setting(c.getName());
            Class<?> boxed = c.getType() == int.class ? Integer.class : c.getType() == long.class ? Long.class
                    : c.getType() == double.class ? Double.class : c.getType();
            assertThat(s.type().javaType()).as(s.key()).isEqualTo(boxed);
            assertThat(s.label()).as(s.key()).isNotBlank();
            assertThat(s.doc()).as(s.key()).isNotBlank();
            assertThat(s.group()).as(s.key()).isNotBlank();
        }
    }

    @Test
    void theDefaultsAreTheCatalogsAndWriteEveryKeyInCatalogOrder() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        SettingsCatalog.all().forEach(s -> defaults.put(s.key(), s.defaultValue()));
        assertThat(TrainingSettings.DEFAULTS.toMap()).containsExactlyEntriesOf(defaults);
        assertThat(TrainingSettings.OPTIMIZERS).containsExactly("sgd", "adam", "adamw");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            learningRate    | 0      | training.learningRate: expected a number above 0, at most 10, got 0.0
            learningRate    | 10.5   | training.learningRate: expected a number above 0, at most 10, got 10.5
            momentum        | 1      | training.momentum: expected a number from 0 to below 1, got 1.0
            stepEpochs      | 0      | training.stepEpochs: expected a whole number from 1, got 0
            stepGamma       | 1.5    | training.stepGamma: expected a number above 0, at most 1, got 1.5
            warmupEpochs    | -1     | training.warmupEpochs: expected a whole number from 0, got -1
            batchSize       | 70000  | training.batchSize: expected a whole number from 1 to 65536, got 70000
            epochs          | 0      | training.epochs: expected a whole number from 1 to 100000, got 0
            weightDecay     | 1      | training.weightDecay: expected a number from 0 to below 1, got 1.0
            patience        | 0      | training.patience: expected a whole number from 1, got 0
            checkpointEvery | -2     | training.checkpointEvery: expected a whole number from 0, got -2
            """)
    void aValueOutOfBoundsIsRefusedWithTheCatalogsWords(String key, double value, String message) {
        Object typed = SettingsCatalog.setting(key).type() == Setting.Type.NUMBER ? (Object) value : (Object) (int) value;
        assertThatThrownBy(() -> TrainingSettings.fromMap(Map.of(key, typed))).isInstanceOf(SettingsException.class)
                .hasMessage(message);
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedNamingTheKey() throws SettingsException {
        assertThatThrownBy(() -> TrainingSettings.fromMap(Map.of("optimizer", 3)))
                .hasMessage("training.optimizer: expected text, got 3");
        assertThatThrownBy(() -> TrainingSettings.fromMap(Map.of("learningRate", "fast")))
                .hasMessage("training.learningRate: expected a number, got \"fast\"");
        assertThatThrownBy(() -> TrainingSettings.fromMap(Map.of("epochs", 2.5)))
                .hasMessage("training.epochs: expected a whole number, got 2.5");
        assertThatThrownBy(() -> TrainingSettings.fromMap(Map.of("epochs", 3_000_000_000L)))
                .hasMessage("training.epochs: too large: 3000000000");
        assertThat(TrainingSettings.fromMap(Map.of("seed", 3_000_000_000L)).seed()).isEqualTo(3_000_000_000L);
    }

    @Test
    void typedTextIsReadAsTheSettingsType() throws SettingsException {
        assertThat(SettingsCatalog.setting("learningRate").parse(" 0.01 ")).isEqualTo(0.01);
        assertThat(SettingsCatalog.setting("epochs").parse("5")).isEqualTo(5);
        assertThat(SettingsCatalog.setting("seed").parse("7")).isEqualTo(7L);
        assertThat(SettingsCatalog.setting("optimizer").parse("SGD")).isEqualTo("sgd");
        assertThatThrownBy(() -> SettingsCatalog.setting("epochs").parse("five"))
                .hasMessage("training.epochs: expected a whole number, got \"five\"");
        assertThatThrownBy(() -> SettingsCatalog.setting("learningRate").parse("fast"))
                .hasMessage("training.learningRate: expected a number, got \"fast\"");
    }

    @Test
    void aSettingThatMattersOnlyWithAnotherSaysWhen() {
        Map<String, Object> sgd = new LinkedHashMap<>(TrainingSettings.DEFAULTS.toMap());
        sgd.put("optimizer", "sgd");
        assertThat(SettingsCatalog.setting("momentum").appliesTo(TrainingSettings.DEFAULTS.toMap())).isFalse();
        assertThat(SettingsCatalog.setting("momentum").appliesTo(sgd)).isTrue();
        assertThat(SettingsCatalog.setting("patience").appliesTo(TrainingSettings.DEFAULTS.toMap())).isFalse();
        assertThat(SettingsCatalog.setting("epochs").appliesTo(sgd)).isTrue();
        assertThat(SettingsCatalog.all().stream().map(Setting::group).distinct().toList()).containsExactly(
                "Optimizer", "Learning-rate schedule", "Batches and epochs", "Stopping and checkpoints", "Hardware");
    }

    @Test
    void expectedSaysTheBoundsAsHintsShowThem() {
        assertThat(SettingsCatalog.setting("optimizer").expected()).isEqualTo("one of sgd, adam, adamw");
        assertThat(SettingsCatalog.setting("seed").expected()).isEqualTo("a whole number");
        assertThat(SettingsCatalog.setting("batchSize").expected()).isEqualTo("a whole number from 1 to 65536");
    }
}
