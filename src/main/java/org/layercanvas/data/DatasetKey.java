package org.layercanvas.data;

import java.util.List;
import java.util.Objects;

/**
 * One key of a dataset section as the {@link DatasetCatalog} describes it: what a form needs to draw
 * its field, and what {@link DatasetSpec} needs to check a value, with the same words.
 *
 * @param name the key in the file, e.g. {@code file}
 * @param label what a form calls it, e.g. {@code File}
 * @param type what kind of value it takes
 * @param required whether a section of its kind must have it
 * @param defaultValue the value when the section leaves it out, as the file would write it, or
 *     {@code null} when there is none (a required key, or one whose absence means "none", such as
 *     {@code limit})
 * @param min the smallest value (for {@link Type#SIZE}, of each number); numbers only
 * @param max the largest value (for {@link Type#SIZE}, of each number); numbers only
 * @param exclusive whether {@code min} and {@code max} themselves are refused
 * @param choices the words of a {@link Type#CHOICE}, or the only whole numbers a {@link Type#WHOLE}
 *     takes (as text); else empty
 * @param choiceLabels how a form shows each choice, e.g. {@code 3 (colour)}; as many as {@code choices}
 * @param filePatterns for a {@link Type#FILE}, the names a file chooser offers, e.g. {@code *.csv}
 * @param placeholder what an empty field shows: the default, or an example such as {@code data/table.csv}
 * @param doc one sentence for a tooltip or the docs
 */
public record DatasetKey(String name, String label, Type type, boolean required, Object defaultValue, double min,
        double max, boolean exclusive, List<String> choices, List<String> choiceLabels, List<String> filePatterns,
        String placeholder, String doc) {

    /** The kinds of value a dataset key takes. */
    public enum Type {
        /** One word of {@link DatasetKey#choices()}. */
        CHOICE,
        /** Text, such as a column name. */
        TEXT,
        /** A path to a file, relative to the design's folder or absolute. */
        FILE,
        /** A path to a folder, relative to the design's folder or absolute. */
        FOLDER,
        /** A list of column names. */
        COLUMNS,
        /** A number. */
        NUMBER,
        /** A whole number. */
        WHOLE,
        /** An image size: one whole number for both sides, or {@code [height, width]}. */
        SIZE;

        /** Returns whether values of this type are paths (a form offers a chooser). */
        public boolean isPath() {
            return this == FILE || this == FOLDER;
        }

        /** Returns whether values of this type are numbers, or lists of them. */
        public boolean isNumber() {
            return this == NUMBER || this == WHOLE || this == SIZE;
        }

        /** Returns whether values of this type are whole numbers, or lists of them. */
        public boolean isWhole() {
            return this == WHOLE || this == SIZE;
        }

        /** Returns whether values of this type are lists. */
        public boolean isList() {
            return this == COLUMNS || this == SIZE;
        }
    }

    public DatasetKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        choiceLabels = List.copyOf(choiceLabels);
        if (choiceLabels.size() != choices.size()) {
            throw new IllegalArgumentException(name + ": " + choices.size() + " choices but " + choiceLabels.size()
                    + " labels");
        }
        filePatterns = List.copyOf(filePatterns);
        Objects.requireNonNull(placeholder, "placeholder");
        Objects.requireNonNull(doc, "doc");
    }

    /**
     * Returns what a value must be, as messages say it: {@code one of csv, idx}, {@code a whole number
     * from 2 to 10000000}, {@code a number greater than 0 and less than 1}, {@code 1 (grey) or 3 (colour)}.
     */
    public String expected() {
        return switch (type) {
            case CHOICE -> "one of " + String.join(", ", choices);
            case TEXT, FILE, FOLDER -> "text";
            case COLUMNS -> "a list of column names";
            case NUMBER -> "a number" + bounds();
            case WHOLE -> choices.isEmpty() ? "a whole number" + bounds() : String.join(" or ", choiceLabels);
            case SIZE -> "a whole number" + bounds() + " or [height, width]";
        };
    }

    /** Returns the bounds as messages say them: {@code  from 2 to 1000}, with a leading space. */
    String bounds() {
        return exclusive ? " greater than " + format(min) + " and less than " + format(max)
                : " from " + format(min) + " to " + format(max);
    }

    /** Returns whether a number lies within this key's bounds. */
    boolean within(double v) {
        return exclusive ? v > min && v < max : v >= min && v <= max;
    }

    /** Writes a bound as a person reads it: whole numbers without a decimal point. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
