package org.layercanvas.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parameter of a layer kind, as the catalog describes it: name, type, default, bounds and a doc line.
 *
 * <p>Values are plain Java values ({@code Integer}, {@code Double}, {@code Boolean}, {@code String},
 * {@code List<Integer>}), the same ones the design file stores. {@link #coerce} turns loosely typed
 * values (from JSON) into them and refuses a wrong type; {@link #parse} does the same for text a
 * person typed; {@link #problem} reports a value out of bounds. {@link #format} and {@link #parseDims}
 * write and read sizes and lists as text.
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

    /** Whole numbers with optional signs, apart by commas, x, × or spaces, maybe ending in a comma. */
    private static final Pattern NUMBER_LIST = Pattern.compile(
            "[+-]?\\d+(?:(?:\\s*[,x×X]\\s*|\\s+)[+-]?\\d+)*(?:\\s*,)?");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[,x×X]\\s*|\\s+");

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

    static Param text(String name, String def, String doc) {
        return new Param(name, ParamType.TEXT, def, 0, 0, 0, List.of(), doc);
    }

    static Param padding(String name, String def, String doc) {
        return new Param(name, ParamType.PADDING, def, 0, 1 << 16, 0, List.of(), doc);
    }

    /**
     * Returns text a person typed as this parameter's Java value, as {@link #coerce} would return it.
     * Sizes and lists take every spelling {@link #parseDims} reads; one number stands for a list of one
     * where any length goes (a shape of {@code 4} is {@code (4)}) and is repeated where a length is
     * fixed (a kernel of {@code 3} is {@code 3x3}). Bounds are left to {@link #problem}.
     *
     * @throws IllegalArgumentException with a message for a person that says what was expected
     */
    public Object parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        try {
            return switch (type) {
                case INT -> coerce(Long.parseLong(t));
                case DOUBLE -> coerce(Double.parseDouble(t));
                case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("expected " + expected() + ", got " + show(t));
                };
                case CHOICE -> coerce(t);
                case DIMS -> {
                    List<Integer> values = parseDims(t);
                    yield coerce(values.size() == 1 ? values.get(0) : values);
                }
                case PADDING -> coerce(Padding.parse(t) != null ? t : paddingSizes(t));
                case TEXT -> coerce(t);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + expected() + ", got " + show(t), e);
        }
    }

    /** Returns padding sizes written as a list, such as {@code (1,2)}, as padding text: {@code 1,2}. */
    private String paddingSizes(String text) {
        try {
            return String.join(",", parseDims(text).stream().map(String::valueOf).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + expected() + ", got " + show(text), e);
        }
    }

    /**
     * Reads a size or a list of whole numbers as people write them: {@code 4}, {@code 28,28},
     * {@code 28x28}, {@code 28×28}, {@code (1,28,28)}, {@code [1, 28, 28]}, {@code 1 28 28} or
     * {@code 4,}. Reads back what {@link #format} writes.
     *
     * @return the numbers, at least one
     * @throws IllegalArgumentException for any other text, with a message that says what was expected
     */
    public static List<Integer> parseDims(String text) {
        String t = text.strip();
        if (t.length() >= 2 && (t.startsWith("(") && t.endsWith(")") || t.startsWith("[") && t.endsWith("]"))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (!NUMBER_LIST.matcher(t).matches()) {
            throw new IllegalArgumentException("expected a whole number or a list of them, such as 4, 28x28 or"
                    + " (1,28,28); got " + show(text.strip()));
        }
        List<Integer> out = new ArrayList<>();
        for (String part : LIST_SEPARATOR.split(t.endsWith(",") ? t.substring(0, t.length() - 1).strip() : t)) {
            try {
                out.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("too large: " + part, e);
            }
        }
        return List.copyOf(out);
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
            case TEXT -> {
                if (raw instanceof String s) {
                    return s.strip();
                }
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
            case TEXT -> {
                if (((String) value).isBlank()) {
                    return Optional.of(name + " must not be empty");
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
            case DIMS -> length > 0 ? "a whole number or a list of " + length + " whole numbers"
                    : "a whole number or a list of whole numbers";
            case PADDING -> "\"same\", \"valid\" or padding sizes such as 1 or \"1,2\"";
            case TEXT -> "text";
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

    /**
     * One number stands for a list: repeated to the fixed length (a kernel of 3 is 3x3), or as a list
     * of one where any length goes (a shape of 4 is the 1-D shape (4)).
     */
    private List<Integer> toDims(Object raw) {
        if (raw instanceof Number) {
            return Collections.nCopies(Math.max(length, 1), toInt(raw));
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
