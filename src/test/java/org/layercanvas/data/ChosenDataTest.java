package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a file fills the rest of its form: columns and label of a CSV, the pair of an IDX file, relative paths. */
class ChosenDataTest {

    @Test
    void irisOffersItsColumnsWithSpeciesAsTheLabelAndTheMeasurementsAsFeatures() throws Exception {
        ChosenData.Csv csv = ChosenData.csv(Path.of("samples/data/iris.csv"));
        assertThat(csv.columns()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width",
                "species");
        assertThat(csv.label()).contains("species");
        assertThat(csv.features()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
    }

    @Test
    void aNumericClassColumnIsTheLabelAndFreeTextIsNoFeature(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("patients.csv");
        StringBuilder sb = new StringBuilder("id,note,age,pressure,outcome\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i).append(",note ").append(i).append(',').append(20 + i).append(',').append(110.5 + i)
                    .append(',').append(i % 2).append('\n');
        }
        Files.writeString(file, sb);
        ChosenData.Csv csv = ChosenData.csv(file);
        assertThat(csv.label()).contains("outcome");
        assertThat(csv.features()).containsExactly("id", "age", "pressure");
    }

    @Test
    void aTableOfMeasurementsOnlyHasNoLabelToOffer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.csv");
        Files.writeString(file, "a,b\n0.5,1.25\n0.75,2.5\n1.5,3.75\n");
        assertThat(ChosenData.csv(file).label()).isEmpty();
    }

    @Test
    void anMnistImagesFileFindsItsLabelsAndTheTestPairBesideIt() {
        Path images = Path.of("samples/data/mnist/train-images-idx3-ubyte.gz");
        assertThat(ChosenData.idxLabels(images)).contains(Path.of("samples/data/mnist/train-labels-idx1-ubyte.gz"));
        assertThat(ChosenData.idxTestPair(images)).hasValueSatisfying(p -> assertThat(p).containsExactly(
                Path.of("samples/data/mnist/t10k-images-idx3-ubyte.gz"),
                Path.of("samples/data/mnist/t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void pathsStayPointedAtTheSameFilesWhenTheDesignMoves(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("project/data"));
        Path designs = Files.createDirectories(dir.resolve("project/designs"));
        Path elsewhere = Files.createDirectories(dir.resolve("other/place"));
        Map<String, Object> section = Map.of("kind", "csv", "file", "../data/iris.csv", "label", "species");
        Map<String, Object> moved = DatasetPaths.rebase(section, designs, elsewhere);
        assertThat(elsewhere.resolve((String) moved.get("file")).normalize()).isEqualTo(data.resolve("iris.csv"));
        assertThat(moved.get("file")).isEqualTo("../../project/data/iris.csv");
        assertThat(moved).containsEntry("label", "species");
        Map<String, Object> absolute = Map.of("kind", "idx", "images", data.resolve("a.gz").toString(),
                "labels", data.resolve("b.gz").toString());
        assertThat(DatasetPaths.rebase(absolute, designs, designs)).containsEntry("images", "../data/a.gz")
                .containsEntry("labels", "../data/b.gz");
        assertThat(DatasetPaths.rebase(Map.of("kind", "synthetic", "name", "moons"), designs, elsewhere))
                .isEqualTo(Map.of("kind", "synthetic", "name", "moons"));
    }
}
