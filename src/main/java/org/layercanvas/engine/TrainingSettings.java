package org.layercanvas.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to train a design: optimizer, learning rate and its schedule, batch size, epochs, weight decay,
 * seed, early stopping and checkpoints. Stored in a design file's {@code training} section.
 *
 * @param optimizer {@code sgd}, {@code adam} or {@code adamw}
 * @param learningRate the base learning rate
 * @param momentum SGD momentum (0 for plain SGD); ignored by Adam and AdamW
 * @param schedule {@code fixed}, {@code step} or {@code cosine}
 * @param stepEpochs for {@code step}: multiply the rate by {@code stepGamma} every this many epochs
 * @param stepGamma for {@code step}: the factor
 * @param warmupEpochs epochs over which the rate rises linearly from near 0 before the schedule starts
 * @param batchSize samples per step
 * @param epochs passes over the training data
 * @param weightDecay L2 penalty on the weights
 * @param seed decides initial weights, the split and the batch order
 * @param earlyStopping {@code none}, {@code val_loss} or {@code val_accuracy}: stop when it stops improving
 * @param patience epochs without improvement before stopping early
 * @param checkpointEvery save the weights every this many epochs (0: only at the end)
 * @param device {@code auto}, {@code cpu} or {@code gpu}: where to train ({@link Hardware})
 */
public record TrainingSettings(
        String optimizer, double learningRate, double momentum, String schedule, int stepEpochs, double stepGamma,
        int warmupEpochs, int batchSize, int epochs, double weightDecay, long seed, String earlyStopping,
        int patience, int checkpointEvery, String device) {

    /** The optimizers the engine runs. */
    public static final List<String> OPTIMIZERS = SettingsCatalog.setting("optimizer").choices();
    /** The learning-rate schedules. */
    public static final List<String> SCHEDULES = SettingsCatalog.setting("schedule").choices();
    /** What early stopping watches. */
    public static final List<String> EARLY_STOPPING = SettingsCatalog.setting("earlyStopping").choices();
    /** Where a run can train. */
    public static final List<String> DEVICES = SettingsCatalog.setting("device").choices();

    /** The catalog's defaults, which train the samples well: Adam at 0.001, batch 32, 10 epochs, seed 42. */
    public static final TrainingSettings DEFAULTS = of(defaultValues());

    /**
     * Checks every value against its {@link SettingsCatalog} entry.
     *
     * @throws IllegalArgumentException naming the first setting out of bounds, e.g.
     *     {@code training.epochs: expected a whole number from 1 to 100000, got 0}
     */
    public TrainingSettings {
        Map<String, Object> values = values(optimizer, learningRate, momentum, schedule, stepEpochs, stepGamma,
                warmupEpochs, batchSize, epochs, weightDecay, seed, earlyStopping, patience, checkpointEvery, device);
        for (Setting setting : SettingsCatalog.all()) {
            Object value = values.get(setting.key());
            if (!setting.allows(value)) {
                throw new IllegalArgumentException("training." + setting.key() + ": expected " + setting.expected()
                        + ", got " + value);
            }
        }
    }

    /** The one place that pairs the record's components with the catalog's keys. */
    private static Map<String, Object> values(String optimizer, double learningRate, double momentum,
            String schedule, int stepEpochs, double stepGamma, int warmupEpochs, int batchSize, int epochs,
            double weightDecay, long seed, String earlyStopping, int patience, int checkpointEvery, String device) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("optimizer", optimizer);
        m.put("learningRate", learningRate);
        m.put("momentum", momentum);
        m.put("schedule", schedule);
        m.put("stepEpochs", stepEpochs);
        m.put("stepGamma", stepGamma);
        m.put("warmupEpochs", warmupEpochs);
        m.put("batchSize", batchSize);
        m.put("epochs", epochs);
        m.put("weightDecay", weightDecay);
        m.put("seed", seed);
        m.put("earlyStopping", earlyStopping);
        m.put("patience", patience);
        m.put("checkpointEvery", checkpointEvery);
        m.put("device", device);
        return m;
    }

    private static Map<String, Object> defaultValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        SettingsCatalog.all().forEach(s -> m.put(s.key(), s.defaultValue()));
        return m;
    }

    /** Builds settings from a complete map of values of the catalog's Java types. */
    private static TrainingSettings of(Map<String, Object> v) {
        return new TrainingSettings((String) v.get("optimizer"), (Double) v.get("learningRate"),
                (Double) v.get("momentum"), (String) v.get("schedule"), (Integer) v.get("stepEpochs"),
                (Double) v.get("stepGamma"), (Integer) v.get("warmupEpochs"), (Integer) v.get("batchSize"),
                (Integer) v.get("epochs"), (Double) v.get("weightDecay"), (Long) v.get("seed"),
                (String) v.get("earlyStopping"), (Integer) v.get("patience"), (Integer) v.get("checkpointEvery"),
                (String) v.get("device"));
    }

    /**
     * Reads settings from a design's {@code training} section; keys left out keep their defaults.
     *
     * @throws SettingsException naming the key, for an unknown key or a value of the wrong type or range
     */
    public static TrainingSettings fromMap(Map<String, ?> section) throws SettingsException {
        Map<String, Object> values = defaultValues();
        for (Map.Entry<String, ?> e : section.entrySet()) {
            Setting setting = SettingsCatalog.find(e.getKey()).orElseThrow(() -> new SettingsException("training."
                    + e.getKey() + ": unknown setting; known settings: " + String.join(", ", SettingsCatalog.keys())));
            values.put(e.getKey(), setting.convert(e.getValue()));
        }
        try {
            return of(values);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
    }

    /** Returns these settings as a design file's {@code training} section, in catalog order. */
    public Map<String, Object> toMap() {
        return values(optimizer, learningRate, momentum, schedule, stepEpochs, stepGamma, warmupEpochs, batchSize,
                epochs, weightDecay, seed, earlyStopping, patience, checkpointEvery, device);
    }

    /** Returns these settings with some values replaced, given as a partial {@code training} section. */
    public TrainingSettings with(Map<String, ?> overrides) throws SettingsException {
        Map<String, Object> m = toMap();
        m.putAll(overrides);
        return fromMap(m);
    }
}
