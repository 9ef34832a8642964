package org.layercanvas.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code "dataset"} section of a design file into a {@link DataSource}. The section is
 * checked against the {@link DatasetCatalog} (kinds, keys, types, bounds; defaults for keys left
 * out); files are opened when the source loads, so a design can name data that does not exist yet.
 * Relative paths are resolved against the folder of the design file.
 */
public final class DatasetSpec {
    private final Map<String, Object> section;
    private final Path baseDir;
    private final Set<String> read = new LinkedHashSet<>();
    private DatasetKind kind;

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
     *     {@code dataset.kind: expected one of synthetic, sequences, csv, idx, images, shapes; got "cvs"}
     */
    public static DataSource parse(Map<String, Object> section, Path baseDir) throws DataException {
        if (section == null) {
            throw new DataException("dataset: the design has no dataset section");
        }
        return new DatasetSpec(section, baseDir).source();
    }

    private DataSource source() throws DataException {
        String name = (String) value(DatasetCatalog.KIND);
        kind = DatasetCatalog.kind(name).orElseThrow();
        DataSource source = switch (name) {
            case "synthetic" -> synthetic();
            case "sequences" -> new SequenceSource(whole("length"), whole("vocabulary"), whole("size"), validation());
            case "csv" -> csv();
            case "idx" -> idx();
            case "images" -> images();
            case "shapes" -> shapes();
            default -> throw new IllegalStateException("no reader for the catalog's kind " + name);
        };
        for (String key : section.keySet()) {
            if (!read.contains(key)) {
                throw new DataException("dataset." + key + ": not a key of a " + name + " dataset; expected one of "
                        + String.join(", ", read));
            }
        }
        return source;
    }

    private DataSource synthetic() throws DataException {
        SyntheticShape shape = SyntheticShape.valueOf(((String) value("name")).toUpperCase(Locale.ROOT));
        int size = whole("size");
        double noise = (Double) value("noise");
        int classes = whole("classes");
        if (shape.fixedClasses() > 0 && section.get("classes") == null) {
            classes = shape.fixedClasses();
        } else if (shape.fixedClasses() > 0 && classes != shape.fixedClasses()) {
            throw new DataException("dataset.classes: " + shape.key() + " always has " + shape.fixedClasses()
                    + " classes; got " + classes);
        }
        return new SyntheticSource(shape, size, noise, classes, validation());
    }

    @SuppressWarnings("unchecked")
    private DataSource csv() throws DataException {
        Path file = (Path) value("file");
        String label = (String) value("label");
        List<String> features = (List<String>) value("features");
        if (features == null) {
            features = List.of();
        }
        TargetKind task = value("task").equals("regression") ? TargetKind.VALUES : TargetKind.CLASSES;
        return new CsvSource(file, label, features, task, validation());
    }

    private DataSource idx() throws DataException {
        Path images = (Path) value("images");
        Path labels = (Path) value("labels");
        Path testImages = (Path) value("testImages");
        Path testLabels = (Path) value("testLabels");
        if ((testImages == null) != (testLabels == null)) {
            String missing = testImages == null ? "testImages" : "testLabels";
            throw new DataException("dataset." + missing + ": missing; test images and test labels come together");
        }
        Object limit = value("limit");
        return new IdxSource(images, labels, testImages, testLabels, validation(),
                limit == null ? IdxSource.NO_LIMIT : (Integer) limit);
    }

    private DataSource images() throws DataException {
        Path folder = (Path) value("folder");
        int[] size = (int[]) value("size");
        return new ImageFolderSource(folder, size[0], size[1], whole("channels"), validation());
    }

    private DataSource shapes() throws DataException {
        ShapesSource.Task task = ShapesSource.Task.valueOf(((String) value("task")).toUpperCase(Locale.ROOT));
        int[] size = (int[]) value("size");
        int channels = whole("channels");
        int count = whole("count");
        double noise = (Double) value("noise");
        long values = ShapesSource.values(count, channels, size[0], size[1]);
        if (values > ShapesSource.MOST_VALUES) {
            throw new DataException(String.format(Locale.ROOT, "dataset.count: %d images of %d×%d×%d are %,d values;"
                    + " at most %,d fit in memory, so use fewer or smaller images; got %d", count, channels,
                    size[0], size[1], values, ShapesSource.MOST_VALUES, count));
        }
        return new ShapesSource(task, channels, size[0], size[1], count, noise, validation());
    }

    private double validation() throws DataException {
        return (Double) value(DatasetCatalog.VALIDATION);
    }

    private int whole(String key) throws DataException {
        return (Integer) value(key);
    }

    private Object value(String key) throws DataException {
        return value(kind.key(key).orElseThrow(() -> new IllegalStateException(kind.name() + " has no key " + key)));
    }

    /**
     * Returns the value of {@code key} as its catalog entry says: checked, of the Java type the
     * sources take (a resolved {@code Path}, {@code Integer}, {@code Double}, {@code List<String>},
     * {@code int[]} height and width), its default when left out, or {@code null} for none.
     */
    private Object value(DatasetKey key) throws DataException {
        read.add(key.name());
        Object raw = section.get(key.name());
        String where = "dataset." + key.name() + ": ";
        if (raw == null) {
            if (key.required()) {
                String message = where + "missing" + (key.type() == DatasetKey.Type.CHOICE
                        ? "; expected " + key.expected() : "");
                // the kind itself is read first, before there is a kind to choose its keys in
                throw kind == null ? new DataException(message) : new DataException(message, new UnsetKey(kind, key));
            }
            return key.defaultValue() == null ? null : checked(key, key.defaultValue(), where);
        }
        return checked(key, raw, where);
    }

    private Object checked(DatasetKey key, Object raw, String where) throws DataException {
        return switch (key.type()) {
            case CHOICE -> {
                String s = raw instanceof String t ? t.toLowerCase(Locale.ROOT) : null;
                if (!key.choices().contains(s)) {
                    throw new DataException(where + "expected " + key.expected() + "; got " + show(raw));
                }
                yield s;
            }
            case TEXT -> text(raw, where);
            case FILE, FOLDER -> path(text(raw, where), where);
            case COLUMNS -> columns(raw, where);
            case NUMBER -> {
                if (!(raw instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw new DataException(where + "expected a number; got " + show(raw));
                }
                if (!key.within(n.doubleValue())) {
                    throw new DataException(where + "expected a number" + key.bounds() + "; got "
                            + show(n.doubleValue()));
                }
                yield n.doubleValue();
            }
            case WHOLE -> {
                int v = whole(key, raw, where);
                if (!key.choices().isEmpty() && !key.choices().contains(String.valueOf(v))) {
                    throw new DataException(where + "expected " + key.expected() + "; got " + v);
                }
                yield v;
            }
            case SIZE -> {
                if (raw instanceof List<?> list) {
                    if (list.size() != 2) {
                        throw new DataException(where + "expected [height, width]; got " + show(raw));
                    }
                    yield new int[] {whole(key, list.get(0), where), whole(key, list.get(1), where)};
                }
                int side = whole(key, raw, where);
                yield new int[] {side, side};
            }
        };
    }

    private static String text(Object raw, String where) throws DataException {
        if (!(raw instanceof String s) || s.isBlank()) {
            throw new DataException(where + "expected text; got " + show(raw));
        }
        return s;
    }

    private Path path(String text, String where) throws DataException {
        try {
            Path path = Path.of(text);
            return baseDir == null ? path : baseDir.resolve(path);
        } catch (InvalidPathException e) {
            throw new DataException(where + "not a valid path: " + show(text), e);
        }
    }

    private static List<String> columns(Object raw, String where) throws DataException {
        if (raw instanceof List<?> list && !list.isEmpty()) {
            List<String> texts = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s) || s.isBlank()) {
                    throw new DataException(where + "expected a list of column names; got " + show(raw));
                }
                texts.add(s);
            }
            return texts;
        }
        throw new DataException(where + "expected a list of column names; got " + show(raw));
    }

    private static int whole(DatasetKey key, Object value, String where) throws DataException {
        if (value instanceof Number n && isWhole(n)) {
            BigInteger big = new BigDecimal(n.toString()).toBigInteger();
            if (key.within(big.doubleValue())) {
                return big.intValue();
            }
            throw new DataException(where + "expected a whole number" + key.bounds() + "; got " + show(value));
        }
        throw new DataException(where + "expected a whole number; got " + show(value));
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
