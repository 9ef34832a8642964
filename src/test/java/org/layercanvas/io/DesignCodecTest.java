package org.layercanvas.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerCases;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

class DesignCodecTest {
    private final DesignCodec codec = new DesignCodec();

    static List<Path> samples() {
        return Samples.designs();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleLoadsValidatesCleanAndSurvivesASaveLoadRoundTrip(Path sample, @TempDir Path dir) throws Exception {
        Design design = codec.read(sample);
        assertThat(Analysis.of(design.graph()).diagnostics()).as(sample.toString()).isEmpty();
        Path copy = dir.resolve("copy.json");
        codec.write(design, copy);
        assertThat(codec.read(copy)).isEqualTo(design);
        assertThat(codec.toBytes(codec.read(copy))).isEqualTo(codec.toBytes(design));
    }

    @Test
    void everyLayerCaseSurvivesASaveLoadRoundTripWithItsParameters(@TempDir Path dir) throws Exception {
        TestGraphs graph = new TestGraphs();
        List<LayerCases.Case> cases = LayerCases.all().toList();
        for (int i = 0; i < cases.size(); i++) {
            graph.add("layer" + i, cases.get(i).spec());
        }
        Design design = Design.of("every case", graph.build());
        Path file = dir.resolve("cases.json");
        codec.write(design, file);
        Design read = codec.read(file);
        assertThat(read).isEqualTo(design);
        assertThat(read.graph().nodes()).extracting(n -> n.spec()).containsExactlyElementsOf(
                cases.stream().map(LayerCases.Case::spec).toList());
    }

    @Test
    void datasetAndTrainingSectionsArePreserved(@TempDir Path dir) throws Exception {
        Graph g = TestGraphs.chain(List.of(4), 3, new Dense(3, true));
        Design design = new Design("iris", g, Map.of("kind", "csv", "file", "iris.csv"),
                Map.of("epochs", 20, "optimizer", Map.of("name", "adam", "lr", 0.01)));
        Path file = dir.resolve("d.json");
        codec.write(design, file);
        assertThat(codec.read(file)).isEqualTo(design);
    }

    @Test
    void theWayADesignIsDrawnIsSavedAndAFileWithoutItIsDrawnTheWayItsConnectionsRun(@TempDir Path dir)
            throws Exception {
        Graph chain = TestGraphs.chain(List.of(4), 3, new Dense(3, true));
        Path file = dir.resolve("d.json");
        codec.write(Design.of("down", chain).withFlow(Flow.LEFT_RIGHT), file);
        assertThat(Files.readString(file)).contains("\"flow\" : \"left-right\"");
        assertThat(codec.read(file).flow()).isEqualTo(Flow.LEFT_RIGHT);
        // written before the flow was saved: the cards of a chain stand one below the other
        String old = Files.readString(file).replace("  \"flow\" : \"left-right\",\n", "");
        Files.writeString(file, old);
        assertThat(codec.read(file).flow()).isEqualTo(Flow.of(chain));
        Files.writeString(file, old.replaceFirst("\"name\"", "\"flow\": \"diagonal\", \"name\""));
        assertThatThrownBy(() -> codec.read(file)).hasMessageContaining("flow").hasMessageContaining(
                "expected \"top-down\" or \"left-right\", found \"diagonal\"");
    }

    @Test
    void savingLeavesNoTemporaryFileAndReplacesTheOldDesign(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.json");
        codec.write(Design.of("a", TestGraphs.chain(List.of(2), 2, new ReLU())), file);
        codec.write(Design.of("b", TestGraphs.chain(List.of(2), 2, new ReLU())), file);
        assertThat(codec.read(file).name()).isEqualTo("b");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void blocksAreSavedAsVersion2AndADesignWithoutThemStaysVersion1(@TempDir Path dir) throws Exception {
        Design residual = codec.read(Path.of("samples/residual-cnn.json"));
        Graph grouped = org.layercanvas.edit.GroupCommand.of(residual.graph(), java.util.Set.of("n5", "n6", "n7", "n8",
                "n9", "n10"), "unit").apply(residual.graph());
        Design withBlocks = residual.withGraph(grouped);
        Path file = dir.resolve("blocks.json");
        codec.write(withBlocks, file);
        assertThat(Files.readString(file)).contains("\"version\" : 2", "\"blocks\" : {", "\"kind\" : \"BlockInput\"");
        assertThat(codec.read(file)).isEqualTo(withBlocks);
        assertThat(new String(codec.toBytes(residual), StandardCharsets.UTF_8)).contains("\"version\" : 1");
    }

    @Test
    void aBlockInAFileSaysWhereItIsWrong() {
        String head = "{\"format\": \"layercanvas-design\", \"version\": %d, \"nodes\": [], \"edges\": [], ";
        DesignFormatException old = failure(head.formatted(1) + "\"blocks\": {}}");
        assertThat(old.path()).isEqualTo("blocks");
        assertThat(old.problem()).isEqualTo("blocks came with format version 2; this file says version 1");
        DesignFormatException body = failure(head.formatted(2) + "\"blocks\": {\"b1\": {\"name\": \"unit\","
                + " \"nodes\": [{\"id\": \"a\", \"name\": \"a\", \"kind\": \"Dens\"}], \"edges\": []}}}");
        assertThat(body.path()).startsWith("blocks.b1.nodes[0]");
        assertThat(body.problem()).contains("Dens");
        DesignFormatException nameless = failure(head.formatted(2) + "\"blocks\": {\"b1\": {\"nodes\": [], \"edges\": []}}}");
        assertThat(nameless.path()).isEqualTo("blocks.b1");
        assertThat(nameless.problem()).contains("name");
    }

    private DesignFormatException failure(String json) {
        try {
            codec.parse(json.getBytes(StandardCharsets.UTF_8), "d.json");
        } catch (DesignFormatException e) {
            return e;
        }
        throw new AssertionError("expected a DesignFormatException for " + json);
    }

    private static final String HEAD = "{\"format\": \"layercanvas-design\", \"version\": 1,\n";

    @Test
    void anInputShapeWrittenAsOneNumberIsTheOneDimensionalShape() throws Exception {
        Design design = codec.parse((HEAD + """
                "nodes": [{"id": "n1", "name": "features", "kind": "Input", "params": {"shape": 4}}],
                "edges": []}""").getBytes(StandardCharsets.UTF_8), "d.json");
        assertThat(((org.layercanvas.graph.Input) design.graph().node("n1").spec()).shape()).containsExactly(4);
    }

    @Test
    void badJsonNamesTheLineAndColumn() {
        DesignFormatException e = failure(HEAD + "\"nodes\": [,\n]}");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith("d.json:2:").contains("invalid JSON");
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownKindIsPlacedAndTheKnownKindsListed() {
        DesignFormatException e = failure(HEAD + "\"nodes\": [\n  {\"id\": \"n1\", \"name\": \"a\", \"kind\": \"Conv9d\"}\n],"
                + " \"edges\": []}");
        assertThat(e.getMessage()).startsWith("d.json:3:37: nodes[0].kind: unknown layer kind 'Conv9d'; known kinds: Input,");
    }

    @Test
    void anUnknownOrMistypedParameterIsPlaced() {
        DesignFormatException unknown = failure(HEAD + "\"nodes\": [{\"id\": \"n1\", \"name\": \"a\", \"kind\": \"Dense\","
                + "\n \"params\": {\"units\": 3, \"widht\": 4}}], \"edges\": []}");
        assertThat(unknown.getMessage())
                .isEqualTo("d.json:3:34: nodes[0].params.widht: Dense has no parameter 'widht'; it has units, bias");
        DesignFormatException wrongType = failure(HEAD + "\"nodes\": [{\"id\": \"n1\", \"name\": \"a\", \"kind\": \"Dense\","
                + "\n \"params\": {\"units\": \"3\"}}], \"edges\": []}");
        assertThat(wrongType.getMessage())
                .isEqualTo("d.json:3:22: nodes[0].params.units: expected a whole number, got \"3\"");
    }

    @Test
    void aDanglingEdgeNamesTheMissingId() {
        DesignFormatException e = failure(HEAD + "\"nodes\": [{\"id\": \"n1\", \"name\": \"a\", \"kind\": \"ReLU\"}],"
                + "\n\"edges\": [{\"from\": \"n1\", \"to\": \"n2\"}]}");
        assertThat(e.getMessage()).isEqualTo("d.json:3:32: edges[0].to: no layer has the id 'n2'");
    }

    @Test
    void aNewerFormatVersionSaysSo() {
        DesignFormatException e = failure("{\"format\": \"layercanvas-design\", \"version\": 7, \"nodes\": [], \"edges\": []}");
        assertThat(e.problem()).isEqualTo("written by a newer LayerCanvas (format version 7);"
                + " this version reads format versions up to 2");
    }

    @Test
    void otherJsonIsNotMistakenForADesign() {
        assertThat(failure("[1, 2]").problem()).isEqualTo("a design file must hold a JSON object, found a list");
        assertThat(failure("{\"nodes\": []}").problem()).startsWith("not a LayerCanvas design");
        assertThat(failure("").problem()).isEqualTo("the file is empty");
        assertThat(failure(HEAD + "\"nodes\": [], \"edges\": [], \"nodes\": []}").problem()).contains("Duplicate field");
        assertThat(failure(HEAD + "\"nodes\": [], \"edges\": []} {}").problem())
                .isEqualTo("unexpected text after the end of the design");
    }

    @Test
    void aMissingFileIsAFormatErrorNotAStackTrace(@TempDir Path dir) {
        assertThatThrownBy(() -> codec.read(dir.resolve("nope.json")))
                .isInstanceOf(DesignFormatException.class).hasMessageEndingWith("nope.json: no such file");
    }

    @Test
    void aDesignPathThatIsAFolderSaysSoInsteadOfFailingToRead(@TempDir Path dir) {
        assertThatThrownBy(() -> codec.read(dir)).isInstanceOf(DesignFormatException.class)
                .hasMessage(dir + ": is a folder, not a design file; give the path of a design's .json file");
    }

    @Test
    void aFileFarLargerThanAnyDesignIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.json");
        try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3_000_000_000L);
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> codec.read(huge)).isInstanceOf(DesignFormatException.class)
                .hasMessage(huge + ": is 3.0 GB; a design file is at most 64 MB, so this is not one (check the path)");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds, not a read of 3 GB").isLessThan(1);
    }

    @Test
    void aDeviceThatNeverEndsIsReadOnlyUpToTheLimit() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero));
        assertThatThrownBy(() -> codec.read(zero)).isInstanceOf(DesignFormatException.class)
                .hasMessage("/dev/zero: gives more than 64 MB; a design file is at most 64 MB, so this is not one"
                        + " (check the path)");
    }
}
