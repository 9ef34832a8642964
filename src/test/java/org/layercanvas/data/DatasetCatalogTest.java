package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {
    private static final Path BASE = Path.of("/designs");

    /** A section of {@code kind} with its required keys set to values that parse. */
    private static Map<String, Object> minimal(DatasetKind kind) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("kind", kind.name());
        for (DatasetKey key : kind.keys()) {
            if (key.required()) {
                section.put(key.name(), key.type() == DatasetKey.Type.CHOICE ? key.choices().get(0) : "x");
            }
        }
        return section;
    }

    @Test
    void theKindKeyListsEveryKindInTheOrderMessagesUse() {
        assertThat(DatasetCatalog.KIND.choices()).containsExactly("synthetic", "sequences", "csv", "idx", "images", "shapes");
        assertThat(DatasetCatalog.kinds()).extracting(DatasetKind::name)
                .containsExactlyElementsOf(DatasetCatalog.KIND.choices());
        assertThat(DatasetCatalog.KIND.choiceLabels()).contains("CSV file", "IDX files (MNIST format)");
    }

    @Test
    void everyKindParsesWithOnlyItsRequiredKeysAndItsDefaultsMeanTheSameAsLeavingThemOut() throws DataException {
        for (DatasetKind kind : DatasetCatalog.kinds()) {
            Map<String, Object> minimal = minimal(kind);
            Map<String, Object> explicit = new LinkedHashMap<>(minimal);
            kind.keys().stream().filter(k -> k.defaultValue() != null).forEach(k -> explicit.put(k.name(), k.defaultValue()));
            assertThat(DatasetSpec.parse(explicit, BASE)).as(kind.name()).isEqualTo(DatasetSpec.parse(minimal, BASE));
            assertThat(kind.keys()).as(kind.name()).last().isEqualTo(DatasetCatalog.VALIDATION);
        }
    }

    @Test
    void everyKeyALoaderReadsIsInTheCatalogAndNoOther() throws DataException {
        for (DatasetKind kind : DatasetCatalog.kinds()) {
            Map<String, Object> section = minimal(kind);
            section.put("unknownKey", 1);
            List<String> names = kind.keys().stream().map(DatasetKey::name).toList();
            assertThatThrownBy(() -> DatasetSpec.parse(section, BASE)).as(kind.name())
                    .hasMessage("dataset.unknownKey: not a key of a " + kind.name() + " dataset; expected one of kind, "
                            + String.join(", ", names));
        }
    }

    @Test
    void aFormLearnsWhichKeysAreRequiredAndWhichArePaths() {
        DatasetKind csv = DatasetCatalog.kind("csv").orElseThrow();
        DatasetKind idx = DatasetCatalog.kind("idx").orElseThrow();
        DatasetKind images = DatasetCatalog.kind("images").orElseThrow();
        assertThat(csv.required()).containsExactly("file", "label");
        assertThat(csv.paths()).containsExactly("file");
        assertThat(csv.key("file").orElseThrow().filePatterns()).containsExactly("*.csv");
        assertThat(idx.required()).containsExactly("images", "labels");
        assertThat(idx.paths()).containsExactly("images", "labels", "testImages", "testLabels");
        assertThat(images.paths()).containsExactly("folder");
        assertThat(images.key("folder").orElseThrow().type()).isEqualTo(DatasetKey.Type.FOLDER);
        assertThat(DatasetCatalog.kind("synthetic").orElseThrow().required()).containsExactly("name");
        assertThat(DatasetCatalog.kind("sequences").orElseThrow().required()).isEmpty();
    }

    @Test
    void entriesSayWhatAFieldShowsAndExpects() {
        DatasetKey channels = DatasetCatalog.kind("images").orElseThrow().key("channels").orElseThrow();
        assertThat(channels.choiceLabels()).containsExactly("1 (grey)", "3 (colour)");
        assertThat(channels.expected()).isEqualTo("1 (grey) or 3 (colour)");
        assertThat(DatasetCatalog.VALIDATION.expected()).isEqualTo("a number greater than 0 and less than 1");
        assertThat(DatasetCatalog.kind("idx").orElseThrow().key("limit").orElseThrow().placeholder()).isEqualTo("all");
        DatasetKey size = DatasetCatalog.kind("images").orElseThrow().key("size").orElseThrow();
        assertThat(size.type().isList()).isTrue();
        assertThat(size.expected()).isEqualTo("a whole number from 1 to 4096 or [height, width]");
        for (DatasetKind kind : DatasetCatalog.kinds()) {
            assertThat(kind.label()).isNotBlank();
            assertThat(kind.doc()).isNotBlank();
            for (DatasetKey key : kind.keys()) {
                assertThat(key.label()).as(kind.name() + "." + key.name()).isNotBlank();
                assertThat(key.doc()).as(kind.name() + "." + key.name()).isNotBlank();
                if (key.defaultValue() != null) {
                    assertThat(key.placeholder()).as(kind.name() + "." + key.name())
                            .isEqualTo(String.valueOf(key.defaultValue()));
                }
            }
        }
    }
}
