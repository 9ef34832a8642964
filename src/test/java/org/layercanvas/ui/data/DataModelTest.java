package org.layercanvas.ui.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layercanvas.data.DatasetCatalog;
import org.layercanvas.data.DatasetKind;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.DesignEditor;

/** The Data panel's edits, without the toolkit: typed values, refusals, kinds and samples. */
class DataModelTest {
    private final List<String> said = new ArrayList<>();
    private final DesignEditor editor = new DesignEditor(new Design("d", Graph.empty(), Map.of("kind", "synthetic",
            "name", "spirals", "classes", 3), Map.of()), Path.of("designs/d.json"));
    private final DataModel model = new DataModel(editor, new Background(Runnable::run), Path.of("samples/data"),
            said::add);

    private static DatasetKind kind(String name) {
        return DatasetCatalog.kind(name).orElseThrow();
    }

    @Test
    void typedTextIsReadAsTheKeysTypeAndAWrongValueIsRefusedNamingTheKey() {
        var synthetic = kind("synthetic");
        assertThat(model.type(synthetic.key("size").orElseThrow(), "400")).isTrue();
        assertThat(editor.design().dataset()).containsEntry("size", 400);
        assertThat(model.type(synthetic.key("noise").orElseThrow(), "lots")).isFalse();
        assertThat(model.refusalProperty().get().message())
                .isEqualTo("dataset.noise: expected a number from 0 to 10; got \"lots\"");
        assertThat(model.type(synthetic.key("noise").orElseThrow(), "11")).as("out of bounds").isFalse();
        assertThat(model.refusalProperty().get().key()).isEqualTo("noise");
        assertThat(model.type(synthetic.key("size").orElseThrow(), "")).as("empty text takes the default").isTrue();
        assertThat(editor.design().dataset()).doesNotContainKey("size");
    }

    @Test
    void aSetWithItsOwnNumberOfClassesDropsTheClassesAndAKindComesBackAsItWasLeft() {
        model.set(kind("synthetic").key("name").orElseThrow(), "moons");
        assertThat(editor.design().dataset()).containsEntry("name", "moons").doesNotContainKey("classes");
        model.switchKind(kind("sequences"));
        model.type(kind("sequences").key("length").orElseThrow(), "30");
        model.switchKind(kind("synthetic"));
        assertThat(editor.design().dataset()).containsEntry("kind", "synthetic").containsEntry("name", "moons");
        model.switchKind(kind("sequences"));
        assertThat(editor.design().dataset()).containsEntry("length", 30);
    }

    @Test
    void aSampleIsOneEditWithItsPathsRelativeToTheDesign() {
        model.use(DataModel.Sample.IRIS);
        assertThat(editor.design().dataset()).containsEntry("kind", "csv").containsEntry("label", "species")
                .containsEntry("file", "../samples/data/iris.csv");
        assertThat(editor.undoDescription()).contains("Use Iris Sample");
    }
}
