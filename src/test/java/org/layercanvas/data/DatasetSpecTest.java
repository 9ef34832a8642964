package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {
    private static final Path BASE = Path.of("/designs");

    /** Reads a section the way the design reader does, so numbers and lists have Jackson's types. */
    private static Map<String, Object> json(String text) {
        try {
            return new ObjectMapper().readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static DataSource parse(String text) throws DataException {
        return DatasetSpec.parse(json(text), BASE);
    }

    @Test
    void syntheticSectionGivesAGenerator() throws DataException {
        DataSource source = parse("""
                {"kind": "synthetic", "name": "spirals", "size": 600, "noise": 0.05, "classes": 4, "validation": 0.25}""");

        assertThat(source).isEqualTo(new SyntheticSource(SyntheticShape.SPIRALS, 600, 0.05, 4, 0.25));
    }

    @Test
    void omittedKeysTakeTheirDefaults() throws DataException {
        assertThat(parse("{\"kind\": \"synthetic\", \"name\": \"Moons\"}"))
                .isEqualTo(new SyntheticSource(SyntheticShape.MOONS, 1000, 0.1, 2, 0.2));
        assertThat(parse("{\"kind\": \"sequences\"}")).isEqualTo(new SequenceSource(20, 16, 2000, 0.2));
        assertThat(parse("{\"kind\": \"images\", \"folder\": \"pets\"}"))
                .isEqualTo(new ImageFolderSource(BASE.resolve("pets"), 28, 28, 1, 0.2));
    }

    @Test
    void sequencesSectionGivesTheirParameters() throws DataException {
        assertThat(parse("{\"kind\": \"sequences\", \"length\": 12, \"vocabulary\": 8, \"size\": 500, \"validation\": 0.1}"))
                .isEqualTo(new SequenceSource(12, 8, 500, 0.1));
    }

    @Test
    void csvPathsResolveAgainstTheDesignFolder() throws DataException {
        DataSource source = parse("""
                {"kind": "csv", "file": "data/iris.csv", "label": "species",
                 "features": ["petal_length", "petal_width"], "task": "classification"}""");

        assertThat(source).isEqualTo(new CsvSource(Path.of("/designs/data/iris.csv"), "species",
                List.of("petal_length", "petal_width"), TargetKind.CLASSES, 0.2));
    }

    @Test
    void csvRegressionTaskHasValueTargets() throws DataException {
        CsvSource source = (CsvSource) parse("""
                {"kind": "csv", "file": "/data/houses.csv", "label": "price", "task": "regression"}""");

        assertThat(source.task()).isEqualTo(TargetKind.VALUES);
        assertThat(source.file()).isEqualTo(Path.of("/data/houses.csv"));
        assertThat(source.features()).isEmpty();
    }

    @Test
    void idxSectionWithTestPairAndLimit() throws DataException {
        DataSource source = parse("""
                {"kind": "idx", "images": "mnist/train-images.gz", "labels": "mnist/train-labels.gz",
                 "testImages": "mnist/t10k-images.gz", "testLabels": "mnist/t10k-labels.gz",
                 "validation": 0.1, "limit": 5000}""");

        assertThat(source).isEqualTo(new IdxSource(BASE.resolve("mnist/train-images.gz"),
                BASE.resolve("mnist/train-labels.gz"), BASE.resolve("mnist/t10k-images.gz"),
                BASE.resolve("mnist/t10k-labels.gz"), 0.1, 5000));
    }

    @Test
    void imagesSizeTakesAPairOrOneNumber() throws DataException {
        assertThat(parse("{\"kind\": \"images\", \"folder\": \"/p\", \"size\": [32, 48], \"channels\": 3}"))
                .isEqualTo(new ImageFolderSource(Path.of("/p"), 32, 48, 3, 0.2));
        assertThat(parse("{\"kind\": \"images\", \"folder\": \"/p\", \"size\": 16}"))
                .isEqualTo(new ImageFolderSource(Path.of("/p"), 16, 16, 1, 0.2));
    }

    @Test
    void wholeNumbersWrittenWithADecimalPointAreAccepted() throws DataException {
        assertThat(parse("{\"kind\": \"sequences\", \"size\": 300.0}")).isEqualTo(new SequenceSource(20, 16, 300, 0.2));
    }

    @Test
    void misspelledKindListsTheKinds() {
        assertThatThrownBy(() -> parse("{\"kind\": \"cvs\", \"file\": \"a.csv\"}"))
                .isInstanceOf(DataException.class)
                .hasMessage("dataset.kind: expected one of synthetic, sequences, csv, idx, images, shapes; got \"cvs\"");
    }

    @Test
    void missingKindListsTheKinds() {
        assertThatThrownBy(() -> parse("{\"file\": \"a.csv\"}"))
                .hasMessage("dataset.kind: missing; expected one of synthetic, sequences, csv, idx, images, shapes");
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertThatThrownBy(() -> parse("{\"kind\": \"csv\", \"file\": \"a.csv\"}"))
                .hasMessage("dataset.label: missing");
        assertThatThrownBy(() -> parse("{\"kind\": \"idx\", \"images\": \"i.gz\"}"))
                .hasMessage("dataset.labels: missing");
    }

    @Test
    void unknownKeyIsNamedWithTheKeysThatExist() {
        assertThatThrownBy(() -> parse("{\"kind\": \"csv\", \"file\": \"a.csv\", \"label\": \"y\", \"valdation\": 0.3}"))
                .hasMessage("dataset.valdation: not a key of a csv dataset; expected one of kind, file, label,"
                        + " features, task, validation");
    }

    @Test
    void wrongTypesAreNamed() {
        assertThatThrownBy(() -> parse("{\"kind\": \"synthetic\", \"name\": \"moons\", \"size\": \"big\"}"))
                .hasMessage("dataset.size: expected a whole number; got \"big\"");
        assertThatThrownBy(() -> parse("{\"kind\": \"synthetic\", \"name\": \"moons\", \"size\": 10.5}"))
                .hasMessage("dataset.size: expected a whole number; got 10.5");
        assertThatThrownBy(() -> parse("{\"kind\": \"synthetic\", \"name\": \"moons\", \"noise\": \"low\"}"))
                .hasMessage("dataset.noise: expected a number; got \"low\"");
        assertThatThrownBy(() -> parse("{\"kind\": \"csv\", \"file\": 3, \"label\": \"y\"}"))
                .hasMessage("dataset.file: expected text; got 3");
        assertThatThrownBy(() -> parse("{\"kind\": \"csv\", \"file\": \"a.csv\", \"label\": \"y\", \"features\": \"x\"}"))
                .hasMessage("dataset.features: expected a list of column names; got \"x\"");
    }

    @Test
    void outOfBoundsValuesAreNamed() {
        assertThatThrownBy(() -> parse("{\"kind\": \"sequences\", \"validation\": 1.5}"))
                .hasMessage("dataset.validation: expected a number greater than 0 and less than 1; got 1.5");
        assertThatThrownBy(() -> parse("{\"kind\": \"sequences\", \"vocabulary\": 1}"))
                .hasMessage("dataset.vocabulary: expected a whole number from 2 to 1000000; got 1");
        assertThatThrownBy(() -> parse("{\"kind\": \"images\", \"folder\": \"p\", \"size\": [28]}"))
                .hasMessage("dataset.size: expected [height, width]; got [28]");
        assertThatThrownBy(() -> parse("{\"kind\": \"images\", \"folder\": \"p\", \"channels\": 2}"))
                .hasMessage("dataset.channels: expected 1 (grey) or 3 (colour); got 2");
        assertThatThrownBy(() -> parse("{\"kind\": \"synthetic\", \"name\": \"moons\", \"size\": 3000000000}"))
                .hasMessage("dataset.size: expected a whole number from 2 to 10000000; got 3000000000");
    }

    @Test
    void unknownShapeAndTaskListTheChoices() {
        assertThatThrownBy(() -> parse("{\"kind\": \"synthetic\", \"name\": \"spiral\"}"))
                .hasMessage("dataset.name: expected one of spirals, moons, circles, xor, blobs; got \"spiral\"");
        assertThatThrownBy(() -> parse("{\"kind\": \"csv\", \"file\": \"a.csv\", \"label\": \"y\", \"task\": \"regress\"}"))
                .hasMessage("dataset.task: expected one of classification, regression; got \"regress\"");
    }

    @Test
    void twoClassShapesRefuseOtherClassCounts() {
        assertThatThrownBy(() -> parse("{\"kind\": \"synthetic\", \"name\": \"xor\", \"classes\": 4}"))
                .hasMessage("dataset.classes: xor always has 2 classes; got 4");
    }

    @Test
    void testImagesWithoutTestLabelsIsNamed() {
        assertThatThrownBy(() -> parse("""
                {"kind": "idx", "images": "i", "labels": "l", "testImages": "ti"}"""))
                .hasMessage("dataset.testLabels: missing; test images and test labels come together");
    }

    @Test
    void missingSectionIsReported() {
        assertThatThrownBy(() -> DatasetSpec.parse(null, BASE))
                .hasMessage("dataset: the design has no dataset section");
    }

    @Test
    void shippedSamplesLoadThroughTheirSections() throws DataException {
        Path samples = Path.of("samples");
        DataSplits iris = DatasetSpec.parse(json("{\"kind\": \"csv\", \"file\": \"data/iris.csv\", \"label\": \"species\"}"),
                samples).load(1);
        DataSplits mnist = DatasetSpec.parse(json("""
                {"kind": "idx", "images": "data/mnist/train-images-idx3-ubyte.gz",
                 "labels": "data/mnist/train-labels-idx1-ubyte.gz", "limit": 1000}"""), samples).load(1);

        assertThat(iris.train().classCount()).isEqualTo(3);
        assertThat(mnist.train().size() + mnist.validation().size()).isEqualTo(1000);
    }
}
