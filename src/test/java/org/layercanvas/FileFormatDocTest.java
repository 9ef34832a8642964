package org.layercanvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layercanvas.data.DatasetCatalog;
import org.layercanvas.data.DatasetKey;
import org.layercanvas.data.DatasetKind;
import org.layercanvas.engine.Setting;
import org.layercanvas.engine.SettingsCatalog;
import org.layercanvas.graph.Param;

/**
 * Keeps the tables of docs/file-format.md with the catalogs: every dataset kind and key, every
 * training setting, each with the catalog's default. A default changed in a catalog fails here until
 * the docs say it too.
 */
class FileFormatDocTest {
    private static final Path DOC = Path.of("docs/file-format.md");

    private static List<String> rows() throws IOException {
        return Files.readAllLines(DOC).stream().filter(l -> l.startsWith("| `")).toList();
    }

    /** Returns the cells of the first table row whose first cell names {@code key}. */
    private static List<String> row(String key) throws IOException {
        String row = rows().stream().filter(r -> r.split("\\|")[1].contains("`" + key + "`")).findFirst()
                .orElseThrow(() -> new AssertionError(DOC + " has no row for `" + key + "`"));
        return Arrays.stream(row.split("\\|")).map(String::strip).skip(1).toList();
    }

    @Test
    void everyTrainingSettingIsDocumentedWithItsDefault() throws IOException {
        for (Setting s : SettingsCatalog.all()) {
            List<String> cells = row(s.key());
            List<String> keys = Arrays.stream(cells.get(0).split(",")).map(String::strip).toList();
            String shown = cells.get(1).split(",")[keys.indexOf("`" + s.key() + "`")].strip();
            String expected = Param.format(s.defaultValue());
            assertThat(shown).as("the default of training." + s.key() + " in " + DOC)
                    .isEqualTo(s.type() == Setting.Type.CHOICE ? "`" + expected + "`" : expected);
        }
    }

    @Test
    void everyDatasetKeyIsDocumentedWithItsDefault() throws IOException {
        for (DatasetKind kind : DatasetCatalog.kinds()) {
            String keysCell = row(kind.name()).get(1);
            List<DatasetKey> keys = kind.keys().stream().filter(k -> k != DatasetCatalog.VALIDATION).toList();
            for (int i = 0; i < keys.size(); i++) {
                DatasetKey key = keys.get(i);
                int from = keysCell.indexOf("`" + key.name() + "`");
                assertThat(from).as(kind.name() + "." + key.name() + " in " + DOC).isNotNegative();
                int to = i + 1 < keys.size() ? keysCell.indexOf("`" + keys.get(i + 1).name() + "`", from) : -1;
                String said = keysCell.substring(from, to < 0 ? keysCell.length() : to);
                if (key.defaultValue() != null) {
                    assertThat(said).as("the default of " + kind.name() + "." + key.name() + " in " + DOC)
                            .contains(String.valueOf(key.defaultValue()));
                }
            }
        }
        assertThat(Files.readString(DOC)).contains("Every kind takes `validation`, the share of samples kept for"
                + " validation (default " + DatasetCatalog.VALIDATION.defaultValue() + ")");
    }
}
