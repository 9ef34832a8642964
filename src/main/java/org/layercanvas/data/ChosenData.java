package org.layercanvas.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a file or folder a person just chose says about the rest of its form, read at once so the
 * form fills itself: a CSV file's columns, the label among them (the last column whose values look
 * like classes) and the numeric rest as features; an IDX images file's labels file (and a test pair
 * beside it), found by name; an image folder's classes.
 */
public final class ChosenData {
    private static final int ROWS_LOOKED_AT = 200;
    private static final int MOST_CLASSES = 100;

    private ChosenData() {
    }

    /**
     * What a CSV file offers.
     *
     * @param columns the header's column names
     * @param label the column that looks like the label, if one does
     * @param numeric the columns whose values are all numbers, in order
     */
    public record Csv(List<String> columns, Optional<String> label, List<String> numeric) {
        public Csv {
            columns = List.copyOf(columns);
            numeric = List.copyOf(numeric);
        }

        /** Returns the feature columns to use with the label: every numeric column but the label. */
        public List<String> features() {
            return numeric.stream().filter(c -> label.map(l -> !l.equals(c)).orElse(true)).toList();
        }
    }

    /**
     * Reads a CSV file's header and first rows, and says which column looks like the label.
     *
     * @throws DataException when the file cannot be read as CSV, naming it
     */
    public static Csv csv(Path file) throws DataException {
        CsvPreview p = CsvPreview.read(file, ROWS_LOOKED_AT);
        List<String> numeric = new ArrayList<>();
        String label = null;
        for (int c = 0; c < p.header().size(); c++) {
            List<String> values = column(p, c);
            boolean allNumbers = !values.isEmpty() && values.stream().allMatch(ChosenData::isNumber);
            if (allNumbers) {
                numeric.add(p.header().get(c));
            }
            if (looksLikeClasses(values, allNumbers, p.rows().size())) {
                label = p.header().get(c);
            }
        }
        return new Csv(p.header(), Optional.ofNullable(label), numeric);
    }

    private static List<String> column(CsvPreview p, int c) {
        List<String> values = new ArrayList<>();
        for (List<String> row : p.rows()) {
            if (c < row.size() && !row.get(c).isBlank()) {
                values.add(row.get(c).strip());
            }
        }
        return values;
    }

    /** Returns whether a column's values look like class names: words, or a few whole numbers that repeat. */
    private static boolean looksLikeClasses(List<String> values, boolean allNumbers, int rows) {
        if (values.isEmpty()) {
            return false;
        }
        long distinct = values.stream().distinct().count();
        if (!allNumbers) {
            return distinct <= MOST_CLASSES && distinct < values.size();
        }
        return values.stream().allMatch(v -> v.matches("-?\\d+")) && distinct <= Math.min(20, Math.max(2, rows / 2))
                && distinct < values.size();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Returns the labels file that pairs with an IDX images file, by MNIST's naming
     * ({@code train-images-idx3-ubyte.gz} → {@code train-labels-idx1-ubyte.gz}), if it is there.
     */
    public static Optional<Path> idxLabels(Path images) {
        Path name = images.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toString();
        String labels = n.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1")
                .replace("images", "labels");
        Path candidate = images.resolveSibling(labels);
        return !labels.equals(n) && Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /**
     * Returns the held-out test pair beside MNIST-named training files ({@code t10k-images-idx3-ubyte}
     * and its labels, plain or .gz), if both are there.
     */
    public static Optional<Path[]> idxTestPair(Path trainImages) {
        Path name = trainImages.getFileName();
        if (name == null || !name.toString().startsWith("train-")) {
            return Optional.empty();
        }
        Path images = trainImages.resolveSibling(name.toString().replaceFirst("^train-", "t10k-"));
        return Files.isRegularFile(images) ? idxLabels(images).map(l -> new Path[] {images, l}) : Optional.empty();
    }

    /**
     * Returns the classes of an image folder: its subfolders' names, sorted.
     *
     * @throws DataException when it is not a folder, naming it
     */
    public static List<String> imageClasses(Path folder) throws DataException {
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder.getFileName() + ": no such folder (" + folder.toAbsolutePath() + ")");
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(d -> !d.startsWith(".")).sorted(String.CASE_INSENSITIVE_ORDER).toList();
        } catch (IOException e) {
            throw new DataException(folder.getFileName() + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Returns whether a file name looks like an IDX images file rather than its labels. */
    public static boolean looksLikeIdxImages(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.contains("images") || n.contains("idx3");
    }
}
