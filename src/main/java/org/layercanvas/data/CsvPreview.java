package org.layercanvas.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The header and the first rows of a CSV file, read the way {@link CsvSource} reads it, so that a
 * person can see the columns and choose the label and features before training.
 *
 * @param header the column names
 * @param rows the first rows, each cell as written
 */
public record CsvPreview(List<String> header, List<List<String>> rows) {
    /** Keeps unchangeable copies. */
    public CsvPreview {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * Reads the header and at most {@code maxRows} rows.
     *
     * @throws DataException when the file is missing, not UTF-8, not CSV, or has no header, naming the file
     */
    public static CsvPreview read(Path file, int maxRows) throws DataException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = TextReader.open(file, name); CSVParser parser = format.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new DataException(name + " is empty; expected a header row with the column names, then data rows");
            }
            List<String> header = new ArrayList<>(records.next().toList());
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1).strip());
            }
            List<List<String>> rows = new ArrayList<>();
            while (rows.size() < maxRows && records.hasNext()) {
                rows.add(records.next().toList());
            }
            return new CsvPreview(header, rows);
        } catch (UncheckedIOException | IOException e) {
            throw TextReader.problem(name, e);
        }
    }
}
