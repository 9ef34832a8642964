package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.edit.BlockDesigns;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Flattener;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.io.DesignCodec;

/**
 * The command line on a design with blocks: the residual CNN sample with its first unit repeated
 * twice inside a block {@code stage1} and its second unit a block {@code stage2}.
 */
class BlockCliTest {
    private final CliRunner cli = new CliRunner();

    private static Path write(Path dir, Design design) throws Exception {
        Path file = dir.resolve("blocks.json");
        new DesignCodec().write(design, file);
        return file;
    }

    @Test
    void summaryShowsEachBlockAsOneRowAndExpandListsItsLayersByPath(@TempDir Path dir) throws Exception {
        Design design = BlockDesigns.residual(2, 300);
        Path file = write(dir, design);
        Graph flat = Flattener.flatten(design.graph()).graph();
        long total = Analysis.of(flat).totalParams();

        assertThat(cli.run("summary", file.toString())).as(cli.err.toString()).isZero();
        String table = cli.out.toString();
        List<String> rows = table.lines().toList();
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("stage1").contains("Block stage1", "(16,14,14)"));
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("stage2").contains("Block stage2", "(32,14,14)"));
        assertThat(rows).noneMatch(r -> r.contains("stage1/unit"));
        assertThat(table).contains("Layers:                  " + design.graph().size() + " (" + flat.size()
                + " with the blocks expanded)").contains("Total params:            " + Formats.count(total));
        // the block rows come where the network runs them: stage1 after the stem, before stage2
        assertThat(table.indexOf("stem_relu")).isLessThan(table.indexOf("stage1"));
        assertThat(table.indexOf("stage1")).isLessThan(table.indexOf("stage2"));

        cli.clear();
        assertThat(cli.run("summary", "--expand", file.toString())).isZero();
        List<String> expanded = cli.out.toString().lines().toList();
        int stage1 = indexOf(expanded, "stage1 ");
        assertThat(expanded.get(stage1 + 1)).startsWith("  stage1/unit/1/b1_conv1").contains("Conv2d", "(16,28,28)");
        assertThat(expanded).anySatisfy(r -> assertThat(r).startsWith("  stage1/unit/2/b1_add")
                .contains("stage1/unit/1/b1_add, stage1/unit/2/b1_bn2"));
        assertThat(expanded).anySatisfy(r -> assertThat(r).startsWith("  stage2/b2_project_bn"));
    }

    @Test
    void summaryJsonGivesEachBlockItsDefinitionRepeatAndWithExpandItsLayers(@TempDir Path dir) throws Exception {
        Design design = BlockDesigns.residual(2, 300);
        Path file = write(dir, design);
        Graph graph = design.graph();
        Analysis analysis = Analysis.of(graph);

        assertThat(cli.run("summary", "--json", "--expand", file.toString())).isZero();
        JsonNode root = new ObjectMapper().readTree(cli.out.toString());
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        root.get("layers").forEach(l -> byName.put(l.get("name").asText(), l));
        assertThat(byName).hasSize(graph.size());
        JsonNode stage1 = byName.get("stage1");
        assertThat(stage1.get("block").get("name").asText()).isEqualTo("stage1");
        assertThat(stage1.get("block").get("repeat").asInt()).isEqualTo(1);
        assertThat(stage1.get("params").asLong())
                .isEqualTo(analysis.report(BlockDesigns.instanceNamed(graph, "stage1").id()).params());
        List<String> inside = new ArrayList<>();
        stage1.get("layers").forEach(l -> inside.add(l.get("name").asText()));
        assertThat(inside).startsWith("stage1/unit/1/b1_conv1").contains("stage1/unit/2/b1_add")
                .endsWith("stage1/pool").hasSize(14);
        long sum = 0;
        for (JsonNode l : stage1.get("layers")) {
            sum += l.get("params").asLong();
        }
        assertThat(sum).as("a block's params are its layers'").isEqualTo(stage1.get("params").asLong());
        assertThat(byName.get("stem_conv").has("block")).isFalse();
        assertThat(root.get("totals").get("params").asLong()).isEqualTo(analysis.totalParams());
    }

    @Test
    void validateCountsTheLayersBlocksStandForAndNamesAProblemInsideByItsPath(@TempDir Path dir) throws Exception {
        Design design = BlockDesigns.residual(2, 300);
        Path good = write(dir, design);
        int flat = Flattener.flatten(design.graph()).graph().size();

        assertThat(cli.run("validate", good.toString())).isZero();
        assertThat(cli.out.toString()).contains(good + ": OK, " + design.graph().size() + " layers (" + flat
                + " with the blocks expanded)");

        // stage2's second conv gives 16 channels where its residual add gets 32 from the projection
        Graph g = design.graph();
        String definition = ((Block) BlockDesigns.instanceNamed(g, "stage2").spec()).definition();
        BlockDefinition d = g.blocks().get(definition);
        LayerNode conv = d.body().nodes().stream().filter(n -> n.name().equals("b2_conv2")).findFirst().orElseThrow();
        Conv2d c = (Conv2d) conv.spec();
        Graph body = d.body().withNode(conv.withSpec(new Conv2d(16, c.kernel(), c.stride(), c.padding(),
                c.dilation(), c.groups(), c.bias())));
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Path bad = write(broken, new Design("broken", g.withBlock(definition, d.withBody(body)), design.dataset(),
                design.training()));
        cli.clear();

        assertThat(cli.run("validate", bad.toString())).isEqualTo(1);
        String text = cli.out.toString();
        assertThat(text).contains(bad + ": node 'stage2' (Block): in 'stage2/b2_add' (Add): ")
                .contains(bad + ": 1 error");

        cli.clear();
        assertThat(cli.run("validate", "--json", bad.toString())).isEqualTo(1);
        JsonNode problem = new ObjectMapper().readTree(cli.out.toString()).get(0).get("diagnostics").get(0);
        assertThat(problem.get("name").asText()).isEqualTo("stage2");
        assertThat(problem.get("message").asText()).startsWith("in 'stage2/b2_add' (Add): ");
    }

    @Test
    @Tag("engine")
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aDesignWithBlocksTrainsAndExportsToEveryFormatFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path file = write(dir, BlockDesigns.residual(2, 300));
        Path runs = dir.resolve("runs");
        assertThat(cli.run("train", file.toString(), "--runs", runs.toString(), "--epochs", "1"))
                .as(cli.err.toString()).isZero();
        Path run;
        try (Stream<Path> folders = Files.list(runs)) {
            run = folders.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        for (String format : List.of("djl", "onnx", "pytorch")) {
            cli.clear();
            Path out = dir.resolve(format.equals("onnx") ? "model.onnx" : format);
            assertThat(cli.run("export", "--format", format, run.toString(), out.toString()))
                    .as(format + ": " + cli.err + cli.out).isZero();
            assertThat(out).exists();
        }
    }

    private static int indexOf(List<String> rows, String prefix) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no row starts with '" + prefix + "'");
    }
}
