package org.layercanvas.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parameter of a layer kind, as the catalog describes it: name, type, default, bounds and a doc line.
 *
 * <p>Values are plain Java values ({@code Integer}, {@code Double}, {@code Boolean}, {@code String},
 * {@code List<Integer>}), the same ones the design file stores. {@link #coerce} turns loosely typed
 * values (from JSON) into them and refuses a wrong type; {@link #problem} reports a value out of bounds.
 *
 * @param name the name, equal to the record component of the layer spec
 * @param type the value type
 * @param defaultValue the value a new layer starts with
 * @param min the smallest value allowed (for DIMS, of each element)
 * @param max the largest value allowed (for DIMS, of each element)
 * @param length for DIMS, the number of elements required, or 0 for any number from 1 on
 * @param choices for CHOICE, the words allowed
 * @param doc one line that says what the parameter does
 */
public record Param(
        String name,
        ParamType type,
        Object defaultValue,
        double min,
        double max,
        int length,
        List<String> choices,
        String doc) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
        Objects.requireNonNull(doc, "doc");
    }

    static Param integer(String name, int def, int min, int max, String doc) {
        return new Param(name, ParamType.INT, def, min, max, 0, List.of(), doc);
    }

    static Param real(String name, double def, double min, double max, String doc) {
        return new Param(name, ParamType.DOUBLE, def, min, max, 0, List.of(), doc);
    }

    static Param flag(String name, boolean def, String doc) {
        return new Param(name, ParamType.BOOLEAN, def, 0, 1, 0, List.of(), doc);
    }

    static Param choice(String name, String def, List<String> choices, String doc) {
        return new Param(name, ParamType.CHOICE, def, 0, 0, 0, choices, doc);
    }

    static Param dims(String name, List<Integer> def, int length, int min, int max, String doc) {
        return new Param(name, ParamType.DIMS, List.copyOf(def), min, max, length, List.of(), doc);
    }

    static Param padding(String name, String def, String doc) {
        return new Param(name, ParamType.PADDING, def, 0, 1 << 16, 0, List.of(), doc);
    }

    /**
     * Returns {@code raw} as this parameter's Java value.
     *
     * @throws IllegalArgumentException with a message for a person when the value has the wrong type
     */
    public Object coerce(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("expected " + expected() + ", got null");
        }
        switch (type) {
            case INT -> {
                return toInt(raw);
            }
            case DOUBLE -> {
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return b;
                }
            }
            case CHOICE -> {
                if (raw instanceof String s) {
                    String lower = s.toLowerCase(Locale.ROOT);
                    if (choices.contains(lower)) {
                        return lower;
                    }
                    throw new IllegalArgumentException(
                            "expected one of " + String.join(", ", choices) + "; got \"" + s + "\"");
                }
            }
            case DIMS -> {
                return toDims(raw);
            }
            case PADDING -> {
                String text = raw instanceof Number ? String.valueOf(toInt(raw)) : raw instanceof String s ? s : null;
                if (text != null && Padding.parse(text) != null) {
                    return text.trim().toLowerCase(Locale.ROOT);
                }
            }
        }
        throw new IllegalArgumentException("expected " + expected() + ", got " + show(raw));
    }

    /** Returns what is wrong with a value of the right type (out of bounds, wrong length), if anything. */
    public Optional<String> problem(Object value) {
        switch (type) {
            case INT, DOUBLE -> {
                double v = ((Number) value).doubleValue();
                if (v < min || v > max || Double.isNaN(v)) {
                    return Optional.of(name + " must be between " + format(min) + " and " + format(max)
                            + "; got " + format(value));
                }
            }
            case DIMS -> {
                List<?> list = (List<?>) value;
                if (length > 0 && list.size() != length) {
                    return Optional.of(name + " needs " + length + " numbers; got " + list.size());
                }
                if (list.isEmpty()) {
                    return Optional.of(name + " needs at least one number");
                }
                for (Object o : list) {
                    int v = (Integer) o;
                    if (v < min || v > max) {
                        return Optional.of(name + " values must be between " + format(min) + " and " + format(max)
                                + "; got " + format(value));
                    }
                }
            }
            case CHOICE -> {
                if (!choices.contains(value)) {
                    return Optional.of(name + " must be one of " + String.join(", ", choices));
                }
            }
            default -> {
                // BOOLEAN and PADDING cannot be out of bounds once coerced
            }
        }
        return Optional.empty();
    }

    /** Returns a value as a person writes it: {@code 3x3} for dims, {@code 0.5} for reals. */
    public static String format(Object value) {
        if (value instanceof List<?> list) {
            return String.join("x", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf(d.longValue());
            }
            return String.valueOf(d);
        }
        return String.valueOf(value);
    }

    private String expected() {
        return switch (type) {
            case INT -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case DIMS -> length > 0 ? "a list of " + length + " whole numbers" : "a list of whole numbers";
            case PADDING -> "\"same\", \"valid\" or padding sizes such as 1 or \"1,2\"";
        };
    }

    private int toInt(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte
                || raw instanceof java.math.BigInteger) {
            long v = ((Number) raw).longValue();
            if (v == (int) v && !(raw instanceof java.math.BigInteger b && b.bitLength() > 31)) {
                return (int) v;
            }
            throw new IllegalArgumentException(name + " is too large: " + raw);
        }
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return (int) n.doubleValue();
        }
        throw new IllegalArgumentException("expected " + expected() + ", got " + show(raw));
    }

    private List<Integer> toDims(Object raw) {
        if (raw instanceof Number && length > 0) {
            int v = toInt(raw);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                all.add(v);
            }
            return List.copyOf(all);
        }
        if (raw instanceof List<?> list) {
            List<Integer> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o == null) {
                    throw new IllegalArgumentException("expected " + expected() + ", got a null element");
                }
                out.add(toInt(o));
            }
            return List.copyOf(out);
        }
        throw new IllegalArgumentException("expected " + expected() + ", got " + show(raw));
    }

    private static String show(Object raw) {
        return raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
    }
}
