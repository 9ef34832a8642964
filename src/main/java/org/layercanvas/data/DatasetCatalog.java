package org.layercanvas.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.layercanvas.data.DatasetKey.Type;

/**
 * Every kind of dataset and every key of each in one place: type, default, bounds, choices, label
 * and doc, as the layer catalog holds the layers. {@link DatasetSpec} reads a design's dataset
 * section through these entries, and a Data form can draw itself from them: which keys a kind
 * requires, which are paths (files or folders, with the file names to offer), defaults and hints.
 */
public final class DatasetCatalog {
    private static final List<String> NONE = List.of();
    private static final List<String> IDX_FILES = List.of("*ubyte*", "*.idx*", "*.gz");

    /** The key every section has: which kind of dataset it is. */
    public static final DatasetKey KIND;

    /** The key every kind takes last: the share of samples kept for validation. */
    public static final DatasetKey VALIDATION = new DatasetKey("validation", "Validation", Type.NUMBER, false, 0.2,
            0, 1, true, NONE, NONE, NONE, "0.2", "The share of samples kept for validation, above 0 and below 1;"
            + " the split is stratified per class and decided by the training seed");

    private static final List<DatasetKind> KINDS = List.of(
            new DatasetKind("synthetic", "Built-in 2-D set", "A two-dimensional toy set generated from the training"
                    + " seed, nothing read from disk; the network sees points [2]", List.of(
                    new DatasetKey("name", "Set", Type.CHOICE, true, null, 0, 0, false,
                            Arrays.stream(SyntheticShape.values()).map(SyntheticShape::key).toList(),
                            Arrays.stream(SyntheticShape.values()).map(SyntheticShape::key).toList(), NONE, "",
                            "Which 2-D set: spirals and blobs take any number of classes; moons, circles and xor"
                                    + " have 2"),
                    whole("size", "Points", 1000, 2, 10_000_000, "How many points in total, before the split"),
                    // 0.1: the jitter is visible, yet the spirals stay learnable by a small network
                    new DatasetKey("noise", "Noise", Type.NUMBER, false, 0.1, 0, 10, false, NONE, NONE, NONE, "0.1",
                            "Standard deviation of the jitter on x and y, 0 to 10; the sets are about 1 across"),
                    whole("classes", "Classes", 3, 2, 1000, "How many classes, for spirals and blobs (moons,"
                            + " circles and xor always have 2)"),
                    VALIDATION)),
            new DatasetKind("sequences", "Token sequences", "Random token sequences generated from the training seed:"
                    + " class majority when most tokens are below vocabulary/2, else minority; the network sees"
                    + " token ids [length]", List.of(
                    whole("length", "Length", 20, 1, 100_000, "Tokens per sequence"),
                    whole("vocabulary", "Vocabulary", 16, 2, 1_000_000, "How many distinct tokens"),
                    whole("size", "Sequences", 2000, 2, 10_000_000, "How many sequences in total, before the split"),
                    VALIDATION)),
            new DatasetKind("csv", "CSV file", "A table with a header row of column names: one label column and"
                    + " numeric feature columns; the network sees [features], standardized with the training"
                    + " split's mean and deviation", List.of(
                    file("file", "File", true, List.of("*.csv"), "data/table.csv",
                            "The CSV file, with a header row of column names; relative to the design's folder"),
                    new DatasetKey("label", "Label", Type.TEXT, true, null, 0, 0, false, NONE, NONE, NONE, "",
                            "The column the network learns to predict"),
                    new DatasetKey("features", "Features", Type.COLUMNS, false, null, 0, 0, false, NONE, NONE, NONE,
                            "", "The feature columns the network sees; left out, every column but the label"),
                    new DatasetKey("task", "Task", Type.CHOICE, false, "classification", 0, 0, false,
                            List.of("classification", "regression"), List.of("classification", "regression"), NONE,
                            "classification", "classification: the label names a class; regression: the label is a"
                            + " number"),
                    VALIDATION)),
            new DatasetKind("idx", "IDX files (MNIST format)", "Images and labels in MNIST's IDX format, plain or"
                    + " gzip, with an optional held-out test pair; the network sees [1, h, w] scaled to 0-1",
                    List.of(
                    file("images", "Images", true, IDX_FILES, "", "The IDX images file (…-images-idx3-ubyte, plain"
                            + " or .gz); relative to the design's folder"),
                    file("labels", "Labels", true, IDX_FILES, "", "The IDX labels file that pairs with the images"
                            + " (…-labels-idx1-ubyte, plain or .gz)"),
                    file("testImages", "Test images", false, IDX_FILES, "", "IDX images kept apart as a test set,"
                            + " never trained on; given together with testLabels"),
                    file("testLabels", "Test labels", false, IDX_FILES, "", "The IDX labels that pair with the test"
                            + " images"),
                    new DatasetKey("limit", "Limit", Type.WHOLE, false, null, 1, Integer.MAX_VALUE, false, NONE, NONE,
                            NONE, "all", "Read at most this many samples from each file; left out, all are read"),
                    VALIDATION)),
            new DatasetKind("images", "Image folder", "A folder of images with one subfolder per class, named after"
                    + " the class; the network sees [channels, h, w] scaled to 0-1", List.of(
                    new DatasetKey("folder", "Folder", Type.FOLDER, true, null, 0, 0, false, NONE, NONE, NONE,
                            "data/images", "The folder with one subfolder of images per class, named after the"
                            + " class; relative to the design's folder"),
                    new DatasetKey("size", "Image size", Type.SIZE, false, 28, 1, 4096, false, NONE, NONE, NONE, "28",
                            "Every image is resized to this: one number for square images or height×width, e.g."
                                    + " 32×48"),
                    new DatasetKey("channels", "Channels", Type.WHOLE, false, 1, 1, 3, false, List.of("1", "3"),
                            List.of("1 (grey)", "3 (colour)"), NONE, "1", "1: greyscale; 3: red, green and blue"),
                    VALIDATION)),
            new DatasetKind("shapes", "Generated shapes", "Coloured squares, circles and triangles on a noisy"
                    + " background, generated from the training seed, nothing read from disk; the network sees"
                    + " [channels, h, w] in 0-1 and learns the shape, a mask of the shapes, or the image itself",
                    List.of(
                    new DatasetKey("task", "Task", Type.CHOICE, false, "classify", 0, 0, false,
                            List.of("classify", "segment", "reconstruct"),
                            List.of("classify (which shape)", "segment (a class per pixel)",
                                    "reconstruct (the image itself)"), NONE, "classify",
                            "classify: one shape per image, 3 classes; segment: 1 to 3 shapes, a mask of 4 classes"
                                    + " per pixel (background, square, circle, triangle); reconstruct: the target is"
                                    + " the input"),
                    new DatasetKey("size", "Image size", Type.SIZE, false, 32, ShapesSource.SMALLEST_SIDE, 1024, false,
                            NONE, NONE, NONE, "32", "The image size: one number for square images or height×width,"
                            + " e.g. 32×48"),
                    new DatasetKey("channels", "Channels", Type.WHOLE, false, 3, 1, 3, false, List.of("1", "3"),
                            List.of("1 (grey)", "3 (colour)"), NONE, "3", "1: greyscale; 3: red, green and blue"),
                    whole("count", "Images", 1000, 2, 1_000_000, "How many images in total, before the split"),
                    new DatasetKey("noise", "Noise", Type.NUMBER, false, 0.1, 0, 1, false, NONE, NONE, NONE, "0.1",
                            "Standard deviation of the background's noise, 0 to 1; the shapes are flat colours"),
                    VALIDATION)));

    static {
        List<String> names = KINDS.stream().map(DatasetKind::name).toList();
        KIND = new DatasetKey("kind", "Kind", Type.CHOICE, true, null, 0, 0, false, names,
                KINDS.stream().map(DatasetKind::label).toList(), NONE, "", "Where the samples come from");
    }

    private DatasetCatalog() {
    }

    private static DatasetKey whole(String name, String label, int def, int min, int max, String doc) {
        return new DatasetKey(name, label, Type.WHOLE, false, def, min, max, false, NONE, NONE, NONE,
                String.valueOf(def), doc);
    }

    private static DatasetKey file(String name, String label, boolean required, List<String> patterns,
            String placeholder, String doc) {
        return new DatasetKey(name, label, Type.FILE, required, null, 0, 0, false, NONE, NONE, patterns, placeholder,
                doc);
    }

    /** Returns every kind of dataset, in the order messages list them. */
    public static List<DatasetKind> kinds() {
        return KINDS;
    }

    /** Returns the kind with this name (as the file writes it), if there is one. */
    public static Optional<DatasetKind> kind(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst();
    }
}
