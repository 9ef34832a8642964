package org.layercanvas.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code "dataset"} section of a design file into a {@link DataSource}. Only the
 * section's shape is checked here (kinds, keys, types, bounds); files are opened when the source
 * loads, so a design can name data that does not exist yet.
 *
 * <p>Every kind takes {@code validation}, the share kept for validation (default 0.2):
 * <ul>
 *   <li>{@code synthetic}: {@code name} (spirals, moons, circles, xor, blobs), {@code size} (1000),
 *       {@code noise} (0.1), {@code classes} (3; moons, circles and xor always have 2)
 *   <li>{@code sequences}: {@code length} (20), {@code vocabulary} (16), {@code size} (2000)
 *   <li>{@code csv}: {@code file}, {@code label}, {@code features} (every other column),
 *       {@code task} (classification or regression; classification)
 *   <li>{@code idx}: {@code images}, {@code labels}, {@code testImages} and {@code testLabels}
 *       (none), {@code limit} (none)
 *   <li>{@code images}: {@code folder}, {@code size} ([height, width] or one number for both;
 *       28), {@code channels} (1 or 3; 1)
 * </ul>
 * Relative paths are resolved against the folder of the design file.
 */
public final class DatasetSpec {
    /** The share of samples kept for validation when a design does not say. */
    public static final double DEFAULT_VALIDATION = 0.2;
    private static final List<String> KINDS = List.of("synthetic", "sequences", "csv", "idx", "images");
    private static final List<String> TASKS = List.of("classification", "regression");

    private final Map<String, Object> section;
    private final Path baseDir;
    private final Set<String> read = new LinkedHashSet<>();

    private DatasetSpec(Map<String, Object> section, Path baseDir) {
        this.section = section;
        this.baseDir = baseDir;
    }

    /**
     * Returns the data source a design's {@code "dataset"} section describes.
     *
     * @param section the section as Jackson reads it: numbers as Integer, Long or Double, lists as List
     * @param baseDir the folder relative paths are resolved against (the design file's folder)
     * @throws DataException naming the key at fault, e.g.
     *     {@code dataset.kind: expected one of synthetic, sequences, csv, idx, images; got "cvs"}
     */
    public static DataSource parse(Map<String, Object> section, Path baseDir) throws DataException {
        if (section == null) {
            throw new DataException("dataset: the design has no dataset section");
        }
        return new DatasetSpec(section, baseDir).source();
    }

    private DataSource source() throws DataException {
        String kind = choice("kind", KINDS, null);
        DataSource source = switch (kind) {
            case "synthetic" -> synthetic();
            case "sequences" -> new SequenceSource(whole("length", 20, 1, 100_000), whole("vocabulary",
                    SequenceSource.DEFAULT_VOCABULARY, 2, 1_000_000), whole("size", 2000, 2, 10_000_000),
                    validation());
            case "csv" -> new CsvSource(path("file"), text("label"), texts("features"),
                    choice("task", TASKS, "classification").equals("regression") ? TargetKind.VALUES
                            : TargetKind.CLASSES, validation());
            case "idx" -> idx();
            case "images" -> images();
            default -> throw new IllegalStateException(kind);
        };
        for (String key : section.keySet()) {
            if (!read.contains(key)) {
                throw new DataException("dataset." + key + ": not a key of a " + kind + " dataset; expected one of "
                        + String.join(", ", read));
            }
        }
        return source;
    }

    private DataSource synthetic() throws DataException {
        List<String> names = Arrays.stream(SyntheticShape.values()).map(SyntheticShape::key).toList();
        SyntheticShape shape = SyntheticShape.valueOf(choice("name", names, null).toUpperCase(Locale.ROOT));
        int size = whole("size", 1000, 2, 10_000_000);
        double noise = number("noise", SyntheticSource.DEFAULT_NOISE);
        if (noise < 0 || noise > 10) {
            throw new DataException("dataset.noise: expected a number from 0 to 10; got " + show(noise));
        }
        int classes = whole("classes", shape.fixedClasses() > 0 ? shape.fixedClasses() : 3, 2, 1000);
        if (shape.fixedClasses() > 0 && classes != shape.fixedClasses()) {
            throw new DataException("dataset.classes: " + shape.key() + " always has " + shape.fixedClasses()
                    + " classes; got " + classes);
        }
        return new SyntheticSource(shape, size, noise, classes, validation());
    }

    private DataSource idx() throws DataException {
        Path images = path("images");
        Path labels = path("labels");
        Path testImages = section.containsKey("testImages") ? path("testImages") : null;
        Path testLabels = section.containsKey("testLabels") ? path("testLabels") : null;
        read.add("testImages");
        read.add("testLabels");
        if ((testImages == null) != (testLabels == null)) {
            String missing = testImages == null ? "testImages" : "testLabels";
            throw new DataException("dataset." + missing + ": missing; test images and test labels come together");
        }
        int limit = whole("limit", IdxSource.NO_LIMIT, 1, Integer.MAX_VALUE);
        return new IdxSource(images, labels, testImages, testLabels, validation(), limit);
    }

    private DataSource images() throws DataException {
        Path folder = path("folder");
        read.add("size");
        Object size = section.getOrDefault("size", 28);
        int height;
        int width;
        if (size instanceof List<?> list) {
            if (list.size() != 2) {
                throw new DataException("dataset.size: expected [height, width]; got " + show(size));
            }
            height = wholeValue("size", list.get(0), 1, 4096);
            width = wholeValue("size", list.get(1), 1, 4096);
        } else {
            height = wholeValue("size", size, 1, 4096);
            width = height;
        }
        int channels = whole("channels", 1, 1, 3);
        if (channels == 2) {
            throw new DataException("dataset.channels: expected 1 (grey) or 3 (colour); got 2");
        }
        return new ImageFolderSource(folder, height, width, channels, validation());
    }

    private double validation() throws DataException {
        double v = number("validation", DEFAULT_VALIDATION);
        if (!(v > 0 && v < 1)) {
            throw new DataException("dataset.validation: expected a number greater than 0 and less than 1; got "
                    + show(v));
        }
        return v;
    }

    private Object value(String key) throws DataException {
        read.add(key);
        Object value = section.get(key);
        if (value == null) {
            throw new DataException("dataset." + key + ": missing");
        }
        return value;
    }

    private String text(String key) throws DataException {
        Object value = value(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new DataException("dataset." + key + ": expected text; got " + show(value));
        }
        return s;
    }

    private String choice(String key, List<String> allowed, String fallback) throws DataException {
        if (fallback != null && section.get(key) == null) {
            read.add(key);
            return fallback;
        }
        if (section.get(key) == null) {
            read.add(key);
            throw new DataException("dataset." + key + ": missing; expected one of " + String.join(", ", allowed));
        }
        Object value = value(key);
        String s = value instanceof String t ? t.toLowerCase(Locale.ROOT) : null;
        if (!allowed.contains(s)) {
            throw new DataException("dataset." + key + ": expected one of " + String.join(", ", allowed) + "; got "
                    + show(value));
        }
        return s;
    }

    private List<String> texts(String key) throws DataException {
        if (section.get(key) == null) {
            read.add(key);
            return List.of();
        }
        Object value = value(key);
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list && !list.isEmpty()) {
            for (Object item : list) {
                if (!(item instanceof String s) || s.isBlank()) {
                    throw new DataException("dataset." + key + ": expected a list of column names; got "
                            + show(value));
                }
                texts.add(s);
            }
            return texts;
        }
        throw new DataException("dataset." + key + ": expected a list of column names; got " + show(value));
    }

    private Path path(String key) throws DataException {
        String text = text(key);
        try {
            Path path = Path.of(text);
            return baseDir == null ? path : baseDir.resolve(path);
        } catch (InvalidPathException e) {
            throw new DataException("dataset." + key + ": not a valid path: " + show(text), e);
        }
    }

    private double number(String key, double fallback) throws DataException {
        if (section.get(key) == null) {
            read.add(key);
            return fallback;
        }
        Object value = value(key);
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new DataException("dataset." + key + ": expected a number; got " + show(value));
        }
        return n.doubleValue();
    }

    private int whole(String key, int fallback, int min, int max) throws DataException {
        if (section.get(key) == null) {
            read.add(key);
            return fallback;
        }
        return wholeValue(key, value(key), min, max);
    }

    private static int wholeValue(String key, Object value, int min, int max) throws DataException {
        if (value instanceof Number n && isWhole(n)) {
            BigInteger big = new BigDecimal(n.toString()).toBigInteger();
            if (big.compareTo(BigInteger.valueOf(min)) >= 0 && big.compareTo(BigInteger.valueOf(max)) <= 0) {
                return big.intValue();
            }
            throw new DataException("dataset." + key + ": expected a whole number from " + min + " to " + max
                    + "; got " + show(value));
        }
        throw new DataException("dataset." + key + ": expected a whole number; got " + show(value));
    }

    private static boolean isWhole(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d == Math.rint(d);
        }
        if (n instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0;
        }
        return true;
    }

    private static String show(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DatasetSpec::show).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
