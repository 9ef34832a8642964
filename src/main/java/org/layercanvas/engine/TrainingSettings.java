package org.layercanvas.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 */
public record TrainingSettings(
        String optimizer, double learningRate, double momentum, String schedule, int stepEpochs, double stepGamma,
        int warmupEpochs, int batchSize, int epochs, double weightDecay, long seed, String earlyStopping,
        int patience, int checkpointEvery) {

    /** The optimizers the engine runs. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw");
    /** The learning-rate schedules. */
    public static final List<String> SCHEDULES = List.of("fixed", "step", "cosine");
    /** What early stopping watches. */
    public static final List<String> EARLY_STOPPING = List.of("none", "val_loss", "val_accuracy");

    /** Settings that train the samples well: Adam at 0.001, batch 32, 10 epochs, seed 42. */
    public static final TrainingSettings DEFAULTS = new TrainingSettings("adam", 0.001, 0.9, "fixed", 10, 0.1, 0,
            32, 10, 0, 42, "none", 5, 1);

    public TrainingSettings {
        check(OPTIMIZERS.contains(optimizer), "optimizer", "one of " + String.join(", ", OPTIMIZERS), optimizer);
        check(learningRate > 0 && learningRate <= 10, "learningRate", "a number above 0, at most 10", learningRate);
        check(momentum >= 0 && momentum < 1, "momentum", "a number from 0 to below 1", momentum);
        check(SCHEDULES.contains(schedule), "schedule", "one of " + String.join(", ", SCHEDULES), schedule);
        check(stepEpochs >= 1, "stepEpochs", "a whole number from 1", stepEpochs);
        check(stepGamma > 0 && stepGamma <= 1, "stepGamma", "a number above 0, at most 1", stepGamma);
        check(warmupEpochs >= 0, "warmupEpochs", "a whole number from 0", warmupEpochs);
        check(batchSize >= 1 && batchSize <= 1 << 16, "batchSize", "a whole number from 1 to 65536", batchSize);
        check(epochs >= 1 && epochs <= 100_000, "epochs", "a whole number from 1 to 100000", epochs);
        check(weightDecay >= 0 && weightDecay < 1, "weightDecay", "a number from 0 to below 1", weightDecay);
        check(EARLY_STOPPING.contains(earlyStopping), "earlyStopping",
                "one of " + String.join(", ", EARLY_STOPPING), earlyStopping);
        check(patience >= 1, "patience", "a whole number from 1", patience);
        check(checkpointEvery >= 0, "checkpointEvery", "a whole number from 0", checkpointEvery);
    }

    private static void check(boolean ok, String key, String expected, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("training." + key + ": expected " + expected + ", got " + got);
        }
    }

    /**
     * Reads settings from a design's {@code training} section; keys left out keep their defaults.
     *
     * @throws SettingsException naming the key, for an unknown key or a value of the wrong type or range
     */
    public static TrainingSettings fromMap(Map<String, ?> section) throws SettingsException {
        Map<String, Object> values = DEFAULTS.toMap();
        for (Map.Entry<String, ?> e : section.entrySet()) {
            Object current = values.get(e.getKey());
            if (current == null) {
                throw new SettingsException("training." + e.getKey() + ": unknown setting; known settings: "
                        + String.join(", ", values.keySet()));
            }
            values.put(e.getKey(), convert(e.getKey(), e.getValue(), current));
        }
        try {
            return new TrainingSettings((String) values.get("optimizer"), (Double) values.get("learningRate"),
                    (Double) values.get("momentum"), (String) values.get("schedule"), (Integer) values.get("stepEpochs"),
                    (Double) values.get("stepGamma"), (Integer) values.get("warmupEpochs"),
                    (Integer) values.get("batchSize"), (Integer) values.get("epochs"),
                    (Double) values.get("weightDecay"), (Long) values.get("seed"),
                    (String) values.get("earlyStopping"), (Integer) values.get("patience"),
                    (Integer) values.get("checkpointEvery"));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
    }

    private static Object convert(String key, Object raw, Object like) throws SettingsException {
        String where = "training." + key + ": ";
        if (like instanceof String) {
            if (raw instanceof String s) {
                return s.toLowerCase(Locale.ROOT);
            }
            throw new SettingsException(where + "expected text, got " + raw);
        }
        if (!(raw instanceof Number n)) {
            throw new SettingsException(where + "expected a number, got " + (raw instanceof String s ? "\"" + s + "\"" : raw));
        }
        if (like instanceof Double) {
            return n.doubleValue();
        }
        double d = n.doubleValue();
        if (d != Math.rint(d)) {
            throw new SettingsException(where + "expected a whole number, got " + raw);
        }
        if (like instanceof Long) {
            return n.longValue();
        }
        if (Math.abs(d) > Integer.MAX_VALUE) {
            throw new SettingsException(where + "too large: " + raw);
        }
        return n.intValue();
    }

    /** Returns these settings as a design file's {@code training} section. */
    public Map<String, Object> toMap() {
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
        return m;
    }

    /** Returns these settings with some values replaced, given as a partial {@code training} section. */
    public TrainingSettings with(Map<String, ?> overrides) throws SettingsException {
        Map<String, Object> m = toMap();
        m.putAll(overrides);
        return fromMap(m);
    }
}
