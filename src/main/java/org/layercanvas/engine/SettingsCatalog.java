package org.layercanvas.engine;

import java.util.List;
import java.util.Optional;
import org.layercanvas.engine.Setting.Condition;
import org.layercanvas.engine.Setting.Type;

/**
 * Every training setting in one place: key, label, group, type, default, bounds, choices and doc,
 * in the order a form shows them and a design file writes them. {@link TrainingSettings} checks its
 * values against these entries, the {@code train} command reads its overrides through them, and a
 * Settings form can draw itself from them, as the layer catalog drives the palette and inspector.
 */
public final class SettingsCatalog {
    private static final double NONE = Double.POSITIVE_INFINITY;
    private static final String OPTIMIZER = "Optimizer";
    private static final String SCHEDULE = "Learning-rate schedule";
    private static final String BATCHES = "Batches and epochs";
    private static final String STOPPING = "Stopping and checkpoints";
    private static final String HARDWARE = "Hardware";

    private static final List<Setting> ALL = List.of(
            choice("optimizer", "Optimizer", OPTIMIZER, "adam", List.of("sgd", "adam", "adamw"),
                    "How the weights follow the gradient: plain or momentum SGD, Adam, or Adam with decoupled weight decay"),
            number("learningRate", "Learning rate", OPTIMIZER, 0.001, 0, false, 10, true,
                    "The base step size (for Adam about 0.001; for SGD about 0.01 to 0.1)"),
            new Setting("momentum", "Momentum", OPTIMIZER, Type.NUMBER, 0.9, 0, true, 1, false, List.of(),
                    "SGD momentum (0: plain SGD); Adam and AdamW ignore it",
                    new Condition("optimizer", List.of("sgd"))),
            choice("schedule", "Schedule", SCHEDULE, "fixed", List.of("fixed", "step", "cosine"),
                    "fixed; step: multiply the rate every few epochs; cosine: down to 0 by the last epoch"),
            new Setting("stepEpochs", "Step every", SCHEDULE, Type.WHOLE, 10, 1, true, NONE, true, List.of(),
                    "For the step schedule: multiply the rate every this many epochs",
                    new Condition("schedule", List.of("step"))),
            new Setting("stepGamma", "Step factor", SCHEDULE, Type.NUMBER, 0.1, 0, false, 1, true, List.of(),
                    "For the step schedule: the factor the rate is multiplied by",
                    new Condition("schedule", List.of("step"))),
            whole("warmupEpochs", "Warm-up epochs", SCHEDULE, 0, 0, NONE,
                    "Epochs over which the rate rises linearly before the schedule starts"),
            whole("batchSize", "Batch size", BATCHES, 32, 1, 1 << 16, "Samples per step"),
            whole("epochs", "Epochs", BATCHES, 10, 1, 100_000, "Passes over the training data"),
            number("weightDecay", "Weight decay", BATCHES, 0.0, 0, true, 1, false,
                    "L2 penalty on the weights"),
            new Setting("seed", "Seed", BATCHES, Type.LONG_WHOLE, 42L, Double.NEGATIVE_INFINITY, true, NONE, true,
                    List.of(), "Decides initial weights, the split and the batch order: the same seed gives the"
                    + " same run", Condition.ALWAYS),
            choice("earlyStopping", "Early stopping", STOPPING, "none", List.of("none", "val_loss", "val_accuracy"),
                    "none; val_loss or val_accuracy: stop when it has not improved for 'patience' epochs"),
            new Setting("patience", "Patience", STOPPING, Type.WHOLE, 5, 1, true, NONE, true, List.of(),
                    "Epochs without improvement before early stopping ends the run",
                    new Condition("earlyStopping", List.of("val_loss", "val_accuracy"))),
            whole("checkpointEvery", "Checkpoint every", STOPPING, 1, 0, NONE,
                    "Save the weights every this many epochs (0: only at the end)"),
            choice("device", "Device", HARDWARE, "auto", List.of("auto", "cpu", "gpu"),
                    "auto: a GPU when the bundled PyTorch can use one, else the CPU; cpu; gpu: refuse to start"
                    + " without one"));

    private SettingsCatalog() {
    }

    private static Setting choice(String key, String label, String group, String def, List<String> choices,
            String doc) {
        return new Setting(key, label, group, Type.CHOICE, def, Double.NEGATIVE_INFINITY, true, NONE, true, choices,
                doc, Condition.ALWAYS);
    }

    private static Setting number(String key, String label, String group, double def, double min,
            boolean minIncluded, double max, boolean maxIncluded, String doc) {
        return new Setting(key, label, group, Type.NUMBER, def, min, minIncluded, max, maxIncluded, List.of(), doc,
                Condition.ALWAYS);
    }

    private static Setting whole(String key, String label, String group, int def, int min, double max, String doc) {
        return new Setting(key, label, group, Type.WHOLE, def, min, true, max, true, List.of(), doc, Condition.ALWAYS);
    }

    /** Returns every setting, in the order forms show them and design files write them. */
    public static List<Setting> all() {
        return ALL;
    }

    /** Returns the setting with this key, if there is one. */
    public static Optional<Setting> find(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * Returns the setting with this key.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static Setting setting(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("no training setting '" + key + "'"));
    }

    /** Returns every key, in catalog order. */
    public static List<String> keys() {
        return ALL.stream().map(Setting::key).toList();
    }
}
