package org.layercanvas.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Block instances analysed as the layers they stand for: names, shapes, counts and problems. */
class BlocksTest {
    /** A residual unit of 8 units: in → dense → relu → dense, added to in. */
    private static final BlockDefinition UNIT = new BlockDefinition("unit", new TestGraphs()
            .add("in", new BlockInput(0)).add("fc1", new Dense(8, true)).add("act", new ReLU())
            .add("fc2", new Dense(8, true)).add("sum", new Add()).add("out", new BlockOutput())
            .link("in", "fc1").link("fc1", "act").link("act", "fc2").link("in", "sum").link("fc2", "sum", 1)
            .link("sum", "out").build());

    /** input(8) → stage (the unit, repeated) → output(3), with definitions as given. */
    private static Graph design(int repeat, Map<String, BlockDefinition> blocks) {
        Graph g = new TestGraphs().add("input", new Input(List.of(8))).add("stage", new Block("b1", repeat))
                .add("head", new Dense(3, true)).add("output", new Output(Output.SOFTMAX_CROSS_ENTROPY, 3))
                .link("input", "stage").link("stage", "head").link("head", "output").build();
        return g.withBlocks(blocks);
    }

    @Test
    void aRepeatedBlockExpandsIntoChainedCopiesNamedByTheirPath() {
        Flattener.Flat flat = Flattener.flatten(design(3, Map.of("b1", UNIT)));
        assertThat(flat.problems()).isEmpty();
        assertThat(flat.graph().hasBlocks()).isFalse();
        assertThat(flat.graph().nodes()).extracting(LayerNode::name).contains("stage/1/fc1", "stage/2/sum",
                "stage/3/fc2");
        // copy 2 is fed by copy 1's output: both its dense layer and its sum
        assertThat(flat.graph().inputsOf("stage/2/fc1")).extracting(Edge::from).containsExactly("stage/1/sum");
        assertThat(flat.graph().inputsOf("stage/2/sum")).extracting(Edge::from)
                .containsExactlyInAnyOrder("stage/1/sum", "stage/2/fc2");
        assertThat(flat.graph().inputsOf("head")).extracting(Edge::from).containsExactly("stage/3/sum");
        assertThat(flat.instances()).containsEntry("stage", "stage/3/sum");
    }

    @Test
    void anInstanceReportsTheSumOfItsLayersAndItsExitShape() {
        Analysis a = Analysis.of(design(3, Map.of("b1", UNIT)));
        assertThat(a.diagnostics()).isEmpty();
        long perCopy = 2 * (8 * 8 + 8);
        assertThat(a.report("stage").params()).isEqualTo(3 * perCopy);
        assertThat(a.totalParams()).isEqualTo(3 * perCopy + 8 * 3 + 3);
        assertThat(a.shape("stage")).isEqualTo(a.shape("stage/3/sum"));
        // the body as the instance's first copy sees it
        Analysis inside = a.within("stage/1/");
        assertThat(inside.report("fc1").params()).isEqualTo(8 * 8 + 8);
        // the body's input and output show the shapes they pass on, and cost nothing
        assertThat(inside.report("in")).isEqualTo(new NodeReport(a.shape("input"), 0, 0, 0));
        assertThat(inside.report("out").output()).isEqualTo(a.shape("stage/1/sum"));
        assertThat(a.within("stage/2/").report("in").output()).isEqualTo(a.shape("stage/1/sum"));
        assertThat(inside.knows("fc2")).isTrue();
        assertThat(inside.knows("nothing")).isFalse();
    }

    @Test
    void anInstanceCountsTheRunningStatisticsOfItsBatchNormsAsNotTrainable() {
        BlockDefinition normed = new BlockDefinition("normed", new TestGraphs().add("in", new BlockInput(0))
                .add("fc", new Dense(8, true)).add("bn", new BatchNorm(0.1, 1e-5)).add("out", new BlockOutput())
                .link("in", "fc").link("fc", "bn").link("bn", "out").build());
        Analysis a = Analysis.of(design(2, Map.of("b1", normed)));
        assertThat(a.diagnostics()).isEmpty();
        // per copy: dense 72, batch norm 8 scales + 8 shifts learned, 8 means + 8 variances not
        assertThat(a.report("stage").params()).isEqualTo(2 * (72 + 32));
        assertThat(a.report("stage").nonTrainable()).isEqualTo(2 * 16);
        assertThat(a.totalTrainableParams()).isEqualTo(2 * (72 + 16) + 8 * 3 + 3);
    }

    @Test
    void aProblemInsideABlockIsReportedOnTheInstanceWithItsPathAndOnTheLayerInside() {
        // a 5-unit dense before the sum: the skip (8) and the branch (5) cannot be added
        BlockDefinition broken = UNIT.withBody(UNIT.body().withNode(UNIT.body().node("fc2").withSpec(new Dense(5, true))));
        Analysis a = Analysis.of(design(1, Map.of("b1", broken)));
        assertThat(a.hasErrors()).isTrue();
        assertThat(a.diagnosticsOf("stage")).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.message()).startsWith("in 'stage/sum' (Add): ");
            // the Problems list names the layer by its path, not the block's kind and name first
            assertThat(d.describe(design(1, Map.of("b1", broken)))).startsWith("'stage/sum' (Add): needs inputs");
        });
        assertThat(a.within("stage/").diagnosticsOf("sum")).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("needs inputs of one shape; got (8)"));
        assertThat(a.within("stage/").diagnosticsOf("fc1")).isEmpty();
    }

    @Test
    void nestedBlocksReadAsPaths() {
        BlockDefinition outer = new BlockDefinition("stage", new TestGraphs().add("in", new BlockInput(0))
                .add("block1", new Block("b1", 1)).add("block2", new Block("b1", 1)).add("out", new BlockOutput())
                .link("in", "block1").link("block1", "block2").link("block2", "out").build());
        Graph g = new TestGraphs().add("input", new Input(List.of(8))).add("stage2", new Block("b2", 1))
                .add("head", new Dense(3, true)).add("output", new Output(Output.SOFTMAX_CROSS_ENTROPY, 3))
                .link("input", "stage2").link("stage2", "head").link("head", "output").build().withBlocks(Map.of("b1", UNIT, "b2", outer));
        Analysis a = Analysis.of(g);
        assertThat(a.hasErrors()).isFalse();
        assertThat(Flattener.flatten(g).graph().nodes()).extracting(LayerNode::name).contains("stage2/block1/fc2");
        assertThat(a.report("stage2").params()).isEqualTo(2 * a.within("stage2/").report("block1").params());
        assertThat(a.within("stage2/block1/").report("fc2").params()).isEqualTo(8 * 8 + 8);
        // the inner block's input is fed by the outer block's input, which the design's input feeds
        assertThat(a.within("stage2/block1/").report("in").output()).isEqualTo(a.shape("input"));
        assertThat(a.within("stage2/block2/").report("in").output()).isEqualTo(a.shape("stage2/block1/sum"));
    }

    @Test
    void instancesThatCannotBeExpandedSayWhy() {
        assertThat(Analysis.of(design(1, Map.of())).diagnosticsOf("stage")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("'b1', which the design does not have"));
        BlockDefinition itself = new BlockDefinition("loop", new TestGraphs().add("in", new BlockInput(0))
                .add("again", new Block("b1", 1)).add("out", new BlockOutput()).link("in", "again")
                .link("again", "out").build());
        assertThat(Analysis.of(design(1, Map.of("b1", itself))).diagnostics())
                .anySatisfy(d -> assertThat(d.message()).contains("contains itself"));
        BlockDefinition noOutput = UNIT.withBody(UNIT.body().withoutNodes(List.of("out")));
        assertThat(Analysis.of(design(1, Map.of("b1", noOutput))).diagnosticsOf("stage")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("with 0 outputs; a block has exactly one"));
        Graph twoIn = design(1, Map.of("b1", UNIT)).withEdge(new Edge("input", "stage", 1));
        assertThat(Analysis.of(twoIn).diagnosticsOf("stage")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("has 2 connections in but its block 'unit' takes 1"));
    }

    @Test
    void aBlockInputOutsideABlockIsAnError() {
        Graph g = new TestGraphs().add("stray", new BlockInput(0)).build();
        assertThat(Analysis.of(g).diagnosticsOf("stray")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("a block input belongs inside a block"));
    }
}
