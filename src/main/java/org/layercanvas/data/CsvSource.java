package org.layercanvas.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A table in a CSV file with a header row: one column is the label, some or all of the others are
 * the features. Features are standardized with the mean and standard deviation of the training
 * split only, so validation scores never benefit from statistics of the samples they score.
 *
 * <p>For classification the distinct labels, sorted (numerically when they are all numbers), are
 * the class names, class 0 being the first. For regression the label column is a number, the one
 * target value of each row, left as written.
 *
 * @param file the CSV file
 * @param label the name of the label column
 * @param features the names of the feature columns, in the order the network sees them; empty for
 *     every column but the label
 * @param task {@link TargetKind#CLASSES} for classification, {@link TargetKind#VALUES} for regression
 * @param validation the share of rows kept for validation
 */
public record CsvSource(Path file, String label, List<String> features, TargetKind task, double validation)
        implements DataSource {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern UNCLOSED_QUOTE =
            Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated");
    private static final Comparator<String> NUMERIC = Comparator.comparingDouble(Double::parseDouble);

    /** Checks the parameters and keeps an unchangeable copy of the feature list. */
    public CsvSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(task, "task");
        features = List.copyOf(features);
        if (!(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException("validation " + validation);
        }
    }

    @Override
    public DataSplits load(long seed) throws DataException {
        return DataSplits.split(describe(), read(), null, validation, seed, Normalization::standardizing);
    }

    @Override
    public String describe() {
        return file.getFileName().toString();
    }

    /** Reads every row, with raw (not yet standardized) features. */
    public Examples read() throws DataException {
        String name = describe();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = TextReader.open(file, name); CSVParser parser = format.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new DataException(name
                        + " is empty; expected a header row with the column names, then data rows");
            }
            List<String> header = header(records.next(), parser.getCurrentLineNumber());
            int labelColumn = column(header, label, "label");
            int[] featureColumns = featureColumns(header, labelColumn);
            Table table = new Table(featureColumns.length);
            while (records.hasNext()) {
                CSVRecord row = records.next();
                long line = parser.getCurrentLineNumber();
                if (row.size() != header.size()) {
                    throw new DataException(name + " line " + line + ": " + row.size()
                            + (row.size() == 1 ? " cell" : " cells") + ", but the header has " + header.size());
                }
                for (int c : featureColumns) {
                    table.features.add(number(row.get(c), line, header.get(c)));
                }
                String target = cell(row.get(labelColumn), line, header.get(labelColumn));
                if (task == TargetKind.VALUES) {
                    table.targets.add(number(target, line, header.get(labelColumn)));
                }
                table.labels.add(target);
            }
            if (table.labels.isEmpty()) {
                throw new DataException(name + " has a header row but no data rows");
            }
            return table.examples();
        } catch (UncheckedIOException e) {
            // commons-csv reports a broken quote, and the reader's refusals, while iterating, unchecked
            throw malformed(e);
        } catch (IOException e) {
            throw TextReader.problem(name, e);
        }
    }

    private DataException malformed(UncheckedIOException e) {
        Matcher unclosed = UNCLOSED_QUOTE.matcher(String.valueOf(e.getCause().getMessage()));
        if (unclosed.find()) {
            return new DataException(describe() + " line " + unclosed.group(1)
                    + ": a quoted cell starts here and is never closed", e);
        }
        return TextReader.problem(describe(), e);
    }

    private List<String> header(CSVRecord row, long line) throws DataException {
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < row.size(); c++) {
            String column = row.get(c);
            if (c == 0 && column.startsWith("\uFEFF")) {
                column = column.substring(1).strip();
            }
            if (column.isEmpty()) {
                throw new DataException(describe() + " line " + line + ": column " + (c + 1) + " has no name");
            }
            if (!seen.add(column)) {
                throw new DataException(describe() + " line " + line + ": column \"" + column + "\" appears twice");
            }
            header.add(column);
        }
        return header;
    }

    private int column(List<String> header, String column, String role) throws DataException {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new DataException(describe() + ": no " + role + " column \"" + column + "\"; the columns are "
                    + String.join(", ", header));
        }
        return index;
    }

    private int[] featureColumns(List<String> header, int labelColumn) throws DataException {
        if (features.isEmpty()) {
            int[] all = new int[header.size() - 1];
            for (int c = 0, k = 0; c < header.size(); c++) {
                if (c != labelColumn) {
                    all[k++] = c;
                }
            }
            if (all.length == 0) {
                throw new DataException(describe() + ": only the label column \"" + label + "\"; no feature columns");
            }
            return all;
        }
        int[] chosen = new int[features.size()];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = column(header, features.get(i), "feature");
            if (chosen[i] == labelColumn) {
                throw new DataException(describe() + ": \"" + label
                        + "\" is the label column and cannot be a feature too");
            }
        }
        return chosen;
    }

    private String cell(String value, long line, String column) throws DataException {
        if (value.isEmpty()) {
            throw new DataException(describe() + " line " + line + ", column " + column + ": missing value");
        }
        return value;
    }

    private float number(String value, long line, String column) throws DataException {
        String text = cell(value, line, column);
        if (!NUMBER.matcher(text).matches()) {
            throw new DataException(describe() + " line " + line + ", column " + column + ": \"" + text
                    + "\" is not a number");
        }
        float parsed = Float.parseFloat(text);
        if (!Float.isFinite(parsed)) {
            throw new DataException(describe() + " line " + line + ", column " + column + ": " + text
                    + " is too large");
        }
        return parsed;
    }

    /** The rows as they are read, before the labels are known in full. */
    private final class Table {
        private final int width;
        private final FloatList features = new FloatList();
        private final FloatList targets = new FloatList();
        private final List<String> labels = new ArrayList<>();

        Table(int width) {
            this.width = width;
        }

        Examples examples() {
            int[] shape = {width};
            if (task == TargetKind.VALUES) {
                return new Examples(shape, features.toArray(), TargetKind.VALUES, 1, targets.toArray(), List.of());
            }
            Set<String> distinct = new LinkedHashSet<>(labels);
            boolean numeric = distinct.stream().allMatch(l -> NUMBER.matcher(l).matches());
            TreeSet<String> sorted = new TreeSet<>(numeric ? NUMERIC.thenComparing(Comparator.naturalOrder())
                    : Comparator.<String>naturalOrder());
            sorted.addAll(distinct);
            List<String> names = List.copyOf(sorted);
            Map<String, Integer> index = new HashMap<>();
            for (String n : names) {
                index.put(n, index.size());
            }
            float[] classes = new float[labels.size()];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = index.get(labels.get(i));
            }
            return new Examples(shape, features.toArray(), TargetKind.CLASSES, 1, classes, names);
        }
    }

    /** A growable list of floats, so a large table does not box every cell. */
    private static final class FloatList {
        private float[] values = new float[256];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
