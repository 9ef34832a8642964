package org.layercanvas.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One training setting as the {@link SettingsCatalog} describes it: everything a form needs to draw
 * its field and everything {@link TrainingSettings} needs to check a value, with the same words.
 *
 * @param key the key in a design's {@code training} section, e.g. {@code learningRate}
 * @param label what a form calls it, e.g. {@code Learning rate}
 * @param group the heading a form shows it under, e.g. {@code Learning-rate schedule}
 * @param type what kind of value it takes
 * @param defaultValue the value when the section leaves it out, of the type's Java type
 * @param min the smallest value, or negative infinity for none (numbers only)
 * @param minIncluded whether {@code min} itself is allowed
 * @param max the largest value, or positive infinity for none (numbers only)
 * @param maxIncluded whether {@code max} itself is allowed
 * @param choices the words allowed, for {@link Type#CHOICE}; else empty
 * @param doc one or two sentences for a tooltip or the docs
 * @param when the settings under which this one matters (a form disables it otherwise)
 */
public record Setting(String key, String label, String group, Type type, Object defaultValue, double min,
        boolean minIncluded, double max, boolean maxIncluded, List<String> choices, String doc, Condition when) {

    /** The kinds of value a setting takes. */
    public enum Type {
        /** One word of {@link Setting#choices()}; a {@code String}. */
        CHOICE(String.class),
        /** A real number; a {@code Double}. */
        NUMBER(Double.class),
        /** A whole number that fits an {@code int}; an {@code Integer}. */
        WHOLE(Integer.class),
        /** A whole number of any size, such as a seed; a {@code Long}. */
        LONG_WHOLE(Long.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** Returns the Java type of a value of this kind. */
        public Class<?> javaType() {
            return javaType;
        }

        /** Returns whether values of this kind are numbers. */
        public boolean isNumber() {
            return this != CHOICE;
        }

        /** Returns whether values of this kind are whole numbers. */
        public boolean isWhole() {
            return this == WHOLE || this == LONG_WHOLE;
        }
    }

    /**
     * When a setting matters: always, or only while another setting has one of some values.
     *
     * @param key the other setting's key, or empty for always
     * @param values the values of that setting under which this one matters
     */
    public record Condition(String key, List<String> values) {
        /** The condition that always holds. */
        public static final Condition ALWAYS = new Condition("", List.of());

        public Condition {
            Objects.requireNonNull(key, "key");
            values = List.copyOf(values);
        }

        /** Returns whether the condition holds for these values (a {@code training} section over the defaults). */
        public boolean holds(Map<String, ?> settings) {
            return key.isEmpty() || values.contains(String.valueOf(settings.get(key)));
        }
    }

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(type, "type");
        if (!type.javaType().isInstance(defaultValue)) {
            throw new IllegalArgumentException(key + ": the default " + defaultValue + " is not a " + type);
        }
        choices = List.copyOf(choices);
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(when, "when");
    }

    /** Returns whether this setting matters under these settings; a form disables it when it does not. */
    public boolean appliesTo(Map<String, ?> settings) {
        return when.holds(settings);
    }

    /**
     * Returns what a value must be, as messages and hints say it: {@code one of sgd, adam, adamw},
     * {@code a number above 0, at most 10}, {@code a whole number from 1 to 65536}.
     */
    public String expected() {
        if (type == Type.CHOICE) {
            return "one of " + String.join(", ", choices);
        }
        StringBuilder b = new StringBuilder(type.isWhole() ? "a whole number" : "a number");
        boolean lower = min != Double.NEGATIVE_INFINITY;
        if (lower) {
            b.append(minIncluded ? " from " : " above ").append(format(min));
        }
        if (max != Double.POSITIVE_INFINITY) {
            if (!lower || !minIncluded) {
                b.append(maxIncluded ? ", at most " : ", below ");
            } else {
                b.append(maxIncluded ? " to " : " to below ");
            }
            b.append(format(max));
        }
        return b.toString();
    }

    /** Returns whether a value of this setting's Java type is allowed. */
    boolean allows(Object value) {
        if (type == Type.CHOICE) {
            return choices.contains(value);
        }
        double v = ((Number) value).doubleValue();
        return (minIncluded ? v >= min : v > min) && (maxIncluded ? v <= max : v < max);
    }

    /**
     * Returns a value from a {@code training} section (as Jackson reads JSON) as this setting's Java type.
     *
     * @throws SettingsException naming the key when it has the wrong type; bounds are checked later
     */
    Object convert(Object raw) throws SettingsException {
        String where = "training." + key + ": ";
        if (type == Type.CHOICE) {
            if (raw instanceof String s) {
                return s.toLowerCase(Locale.ROOT);
            }
            throw new SettingsException(where + "expected text, got " + raw);
        }
        if (!(raw instanceof Number n)) {
            throw new SettingsException(where + "expected a number, got " + (raw instanceof String s ? "\"" + s + "\"" : raw));
        }
        if (type == Type.NUMBER) {
            return n.doubleValue();
        }
        double d = n.doubleValue();
        if (d != Math.rint(d)) {
            throw new SettingsException(where + "expected a whole number, got " + raw);
        }
        if (type == Type.LONG_WHOLE) {
            return n.longValue();
        }
        if (Math.abs(d) > Integer.MAX_VALUE) {
            throw new SettingsException(where + "too large: " + raw);
        }
        return n.intValue();
    }

    /**
     * Returns text a person typed (a form field, a command-line option) as a value for this setting,
     * to be checked with the others by {@link TrainingSettings#with}.
     *
     * @throws SettingsException naming the key when the text is not a value of this setting's type
     */
    public Object parse(String text) throws SettingsException {
        String t = text.strip();
        try {
            return switch (type) {
                case CHOICE -> convert(t);
                case NUMBER -> convert(Double.parseDouble(t));
                case WHOLE, LONG_WHOLE -> convert(Long.parseLong(t));
            };
        } catch (NumberFormatException e) {
            throw new SettingsException("training." + key + ": expected " + (type.isWhole() ? "a whole number"
                    : "a number") + ", got \"" + t + "\"");
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
