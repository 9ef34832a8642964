package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
    private static final String HEADER = "sepal_length,sepal_width,petal_length,petal_width,species\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static CsvSource classify(Path file) {
        return new CsvSource(file, "species", List.of(), TargetKind.CLASSES, 0.2);
    }

    @Test
    void shippedIrisHasFourFeaturesAndThreeSpecies() throws DataException {
        DataSplits splits = classify(Path.of("samples/data/iris.csv")).load(1);

        assertThat(splits.train().size()).isEqualTo(120);
        assertThat(splits.validation().size()).isEqualTo(30);
        assertThat(splits.validation().classCounts()).containsExactly(10, 10, 10);
        assertThat(splits.train().classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(splits.description())
                .isEqualTo("iris.csv: 150 samples (120 training, 30 validation), 4 features, 3 classes");
    }

    @Test
    void readsCellsAndMapsLabelsToSortedClassIndices() throws IOException, DataException {
        Path file = write("flowers.csv", HEADER + "1,2,3,4,virginica\n5,6,7,8,setosa\n9,10,11,12, virginica \n");

        Examples rows = classify(file).read();

        assertThat(rows.features()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(rows.classNames()).containsExactly("setosa", "virginica");
        assertThat(rows.targets()).containsExactly(1, 0, 1);
    }

    @Test
    void integerLabelsAreSortedAsNumbers() throws IOException, DataException {
        Path file = write("digits.csv", "x,digit\n1,10\n2,9\n3,2\n4,9\n");

        Examples rows = new CsvSource(file, "digit", List.of(), TargetKind.CLASSES, 0.2).read();

        assertThat(rows.classNames()).containsExactly("2", "9", "10");
        assertThat(rows.targets()).containsExactly(2, 1, 0, 1);
    }

    @Test
    void chosenFeatureColumnsComeInTheOrderGiven() throws IOException, DataException {
        Path file = write("flowers.csv", HEADER + "1,2,3,4,a\n5,6,7,8,b\n");

        Examples rows = new CsvSource(file, "species", List.of("petal_width", "sepal_length"), TargetKind.CLASSES, 0.2)
                .read();

        assertThat(rows.sampleShape()).containsExactly(2);
        assertThat(rows.features()).containsExactly(4, 1, 8, 5);
    }

    @Test
    void regressionTargetIsTheNumberInTheLabelColumn() throws IOException, DataException {
        Path file = write("houses.csv", "rooms,area,price\n3,80,250.5\n4,120,410\n2,50,-1e2\n");

        Examples rows = new CsvSource(file, "price", List.of(), TargetKind.VALUES, 0.2).read();

        assertThat(rows.kind()).isEqualTo(TargetKind.VALUES);
        assertThat(rows.targetWidth()).isEqualTo(1);
        assertThat(rows.targets()).containsExactly(250.5f, 410f, -100f);
        assertThat(rows.classNames()).isEmpty();
    }

    @Test
    void featuresAreStandardizedWithTrainingStatisticsOnly() throws IOException, DataException {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i * i).append(",7,").append(i % 2).append('\n');
        }
        DataSplits splits = new CsvSource(write("squares.csv", csv.toString()), "label", List.of(),
                TargetKind.CLASSES, 0.2).load(3);

        Examples train = splits.train();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < train.size(); i++) {
            sum += train.features()[2 * i];
            squares += train.features()[2 * i] * train.features()[2 * i];
        }
        assertThat(sum / train.size()).isCloseTo(0, within(1e-4));
        assertThat(squares / train.size()).isCloseTo(1, within(1e-3));
        // Undo the stored normalization on validation: it must give back the raw squares exactly,
        // which only holds if validation was transformed with the training mean and std.
        float mean = splits.normalization().mean()[0];
        float std = splits.normalization().std()[0];
        Examples validation = splits.validation();
        for (int i = 0; i < validation.size(); i++) {
            double raw = validation.features()[2 * i] * std + mean;
            assertThat(Math.sqrt(raw)).isCloseTo(Math.rint(Math.sqrt(raw)), within(1e-2));
        }
        double allMean = 0;
        for (int i = 0; i < 100; i++) {
            allMean += i * i / 100.0;
        }
        assertThat((double) mean).isNotCloseTo(allMean, within(1e-3));
        // A constant column keeps std 1, so it becomes 0 rather than NaN.
        assertThat(splits.normalization().std()[1]).isEqualTo(1f);
        assertThat(validation.features()[1]).isEqualTo(0f);
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 2; i < 17; i++) {
            csv.append("5.1,3.5,1.4,0.2,setosa\n");
        }
        csv.append("5.1,3.5,1.4,abc,setosa\n");

        assertThatThrownBy(() -> classify(write("iris.csv", csv.toString())).read())
                .isInstanceOf(DataException.class)
                .hasMessage("iris.csv line 17, column petal_width: \"abc\" is not a number");
    }

    @Test
    void lineNumbersCountBlankLinesAndQuotedLineBreaks() throws IOException {
        Path file = write("notes.csv", "x,label\n1,\"two\nlines\"\n\n2,b\nthree,c\n");

        assertThatThrownBy(() -> new CsvSource(file, "label", List.of(), TargetKind.CLASSES, 0.2).read())
                .hasMessage("notes.csv line 6, column x: \"three\" is not a number");
    }

    @Test
    void missingValueIsReported() throws IOException {
        Path file = write("iris.csv", HEADER + "5.1,3.5,1.4,0.2,setosa\n5.1,,1.4,0.2,setosa\n");

        assertThatThrownBy(() -> classify(file).read())
                .hasMessage("iris.csv line 3, column sepal_width: missing value");
    }

    @Test
    void missingLabelIsReported() throws IOException {
        Path file = write("iris.csv", HEADER + "5.1,3.5,1.4,0.2,\n");

        assertThatThrownBy(() -> classify(file).read())
                .hasMessage("iris.csv line 2, column species: missing value");
    }

    @Test
    void raggedRowIsReported() throws IOException {
        Path file = write("iris.csv", HEADER + "5.1,3.5,1.4,0.2,setosa\n5.1,3.5,1.4,setosa\n");

        assertThatThrownBy(() -> classify(file).read())
                .hasMessage("iris.csv line 3: 4 cells, but the header has 5");
    }

    @Test
    void emptyFileIsReported() throws IOException {
        Path file = write("empty.csv", "");

        assertThatThrownBy(() -> classify(file).read())
                .hasMessage("empty.csv is empty; expected a header row with the column names, then data rows");
    }

    @Test
    void headerWithoutRowsIsReported() throws IOException {
        Path file = write("iris.csv", HEADER);

        assertThatThrownBy(() -> classify(file).read()).hasMessage("iris.csv has a header row but no data rows");
    }

    @Test
    void unknownLabelColumnListsTheColumns() throws IOException {
        Path file = write("iris.csv", HEADER + "5.1,3.5,1.4,0.2,setosa\n");

        assertThatThrownBy(() -> new CsvSource(file, "specis", List.of(), TargetKind.CLASSES, 0.2).read())
                .hasMessage("iris.csv: no label column \"specis\"; the columns are sepal_length, sepal_width,"
                        + " petal_length, petal_width, species");
    }

    @Test
    void unknownFeatureColumnListsTheColumns() throws IOException {
        Path file = write("iris.csv", HEADER + "5.1,3.5,1.4,0.2,setosa\n");

        assertThatThrownBy(() -> new CsvSource(file, "species", List.of("petal_length", "leaf"),
                TargetKind.CLASSES, 0.2).read())
                .hasMessage("iris.csv: no feature column \"leaf\"; the columns are sepal_length, sepal_width,"
                        + " petal_length, petal_width, species");
    }

    @Test
    void missingFileIsReportedWithItsPath() {
        Path file = dir.resolve("absent.csv");

        assertThatThrownBy(() -> classify(file).read())
                .hasMessage("absent.csv: no such file (" + file.toAbsolutePath() + ")");
    }

    @Test
    void regressionTargetMustBeANumber() throws IOException {
        Path file = write("houses.csv", "rooms,price\n3,cheap\n");

        assertThatThrownBy(() -> new CsvSource(file, "price", List.of(), TargetKind.VALUES, 0.2).read())
                .hasMessage("houses.csv line 2, column price: \"cheap\" is not a number");
    }

    @Test
    void duplicateColumnNamesAreReported() throws IOException {
        Path file = write("twice.csv", "a,b,a\n1,2,3\n");

        assertThatThrownBy(() -> new CsvSource(file, "b", List.of(), TargetKind.CLASSES, 0.2).read())
                .hasMessage("twice.csv line 1: column \"a\" appears twice");
    }

    @Test
    void javaStyleNumbersAreNotNumbers() throws IOException {
        Path file = write("odd.csv", "a,label\nNaN,x\n");

        assertThatThrownBy(() -> new CsvSource(file, "label", List.of(), TargetKind.CLASSES, 0.2).read())
                .hasMessage("odd.csv line 2, column a: \"NaN\" is not a number");
    }

    @Test
    void unclosedQuoteIsReportedAsBrokenCsv() throws IOException {
        Path file = write("quote.csv", "a,label\n1,x\n2,\"y\n3,z\n");

        assertThatThrownBy(() -> new CsvSource(file, "label", List.of(), TargetKind.CLASSES, 0.2).read())
                .isInstanceOf(DataException.class)
                .hasMessage("quote.csv line 3: a quoted cell starts here and is never closed");
    }

    @Test
    void aUtf16TableSaysHowToSaveItAsUtf8() throws IOException {
        Path file = dir.resolve("iris16.csv");
        Files.writeString(file, "\uFEFF" + HEADER + "5.1,3.5,1.4,0.2,setosa\n", java.nio.charset.StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> classify(file).read()).isInstanceOf(DataException.class)
                .hasMessage("iris16.csv is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)");
    }

    @Test
    void aBinaryFileNamesTheFileAndTheLineInsteadOfACharsetError() throws IOException {
        Path file = dir.resolve("photo.csv");
        Files.write(file, new byte[] {'a', ',', 'b', '\n', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'});
        assertThatThrownBy(() -> classify(file).read()).isInstanceOf(DataException.class)
                .hasMessage("photo.csv is not UTF-8 text; save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)");
        Files.write(file, new byte[100_000]);
        assertThatThrownBy(() -> classify(file).read()).isInstanceOf(DataException.class)
                .hasMessage("photo.csv line 1 holds a NUL character, so it is not a text file (is it the right file?)");
    }

    @Test
    void aDeviceIsRefusedAtOnceRatherThanReadUntilMemoryRunsOut() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        assertThatThrownBy(() -> classify(zero).read()).isInstanceOf(DataException.class)
                .hasMessage("zero is not a plain file (a device or a pipe); give the path of a file");
        assertThatThrownBy(() -> classify(dir).read()).isInstanceOf(DataException.class)
                .hasMessage(dir.getFileName() + " is a folder, not a file; give the path of the file to read");
    }

    @Test
    void aLineWithoutEndIsRefusedAfterAMillionCharacters() throws IOException {
        Path file = write("one-line.csv", HEADER + "1".repeat(TextReader.MAX_LINE + 10));
        assertThatThrownBy(() -> classify(file).read()).isInstanceOf(DataException.class)
                .hasMessage("one-line.csv line 2 is longer than 1,000,000 characters, so it is not a table (is it the"
                        + " right file?)");
    }
}
