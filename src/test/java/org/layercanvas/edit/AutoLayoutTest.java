package org.layercanvas.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Add;
import org.layercanvas.graph.Concat;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.Samples;

class AutoLayoutTest {
    private static final double W = 204;
    private static final double H = 70;
    /** Coordinates are doubles computed by ELK: compare them with this tolerance. */
    private static final double EPS = 1e-6;

    private static AutoLayout layout(Flow flow) {
        return new AutoLayout(W, H, flow == Flow.TOP_DOWN ? 50 : 90);
    }

    static Stream<Arguments> samplesBothWays() {
        return Samples.designs().stream().flatMap(p -> Stream.of(Arguments.of(p, Flow.TOP_DOWN),
                Arguments.of(p, Flow.LEFT_RIGHT)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samplesBothWays")
    void everySampleIsArrangedReadably(Path sample, Flow flow) throws Exception {
        Graph g = new DesignCodec().read(sample).graph();
        Arrangement a = layout(flow).arrange(g, flow);
        assertReadable(g, a, flow);
        Graph arranged = a.move().apply(g);
        assertThat(arranged.edges()).isEqualTo(g.edges());
        assertThat(arranged.nodes()).extracting(LayerNode::spec).isEqualTo(g.nodes().stream().map(LayerNode::spec).toList());
    }

    @Property(tries = 60)
    void randomDesignsAreArrangedReadablyTopDown(@ForAll("designs") Graph g) {
        assertReadable(g, layout(Flow.TOP_DOWN).arrange(g, Flow.TOP_DOWN), Flow.TOP_DOWN);
    }

    @Property(tries = 60)
    void randomDesignsAreArrangedReadablyLeftRight(@ForAll("designs") Graph g) {
        assertReadable(g, layout(Flow.LEFT_RIGHT).arrange(g, Flow.LEFT_RIGHT), Flow.LEFT_RIGHT);
    }

    @Property(tries = 30)
    void theSameDesignGetsTheSameArrangementWhateverOrderItsLayersWereAddedIn(@ForAll("designs") Graph g) {
        Arrangement first = layout(Flow.TOP_DOWN).arrange(g, Flow.TOP_DOWN);
        assertThat(layout(Flow.TOP_DOWN).arrange(g, Flow.TOP_DOWN)).isEqualTo(first);
        List<LayerNode> nodes = new ArrayList<>(g.nodes());
        List<Edge> edges = new ArrayList<>(g.edges());
        Collections.reverse(nodes);
        Collections.reverse(edges);
        assertThat(layout(Flow.TOP_DOWN).arrange(Graph.of(nodes, edges), Flow.TOP_DOWN)).isEqualTo(first);
    }

    @Test
    void aStraightChainIsOneColumnOfStraightConnections() {
        Graph g = TestGraphs.chain(List.of(4), 3, new Dense(16, true), new ReLU(), new Dense(3, true));
        Arrangement a = layout(Flow.TOP_DOWN).arrange(g, Flow.TOP_DOWN);
        assertThat(a.move().positions().values()).extracting(Position::x).containsOnly(0.0);
        assertThat(a.routes().values()).allSatisfy(route -> assertThat(route).hasSize(2));
    }

    @Test
    void theSecondInputOfAMergeArrivesRightOfTheFirstWhicheverSideItsSourceIsOn() {
        // the skip (port 1) comes from the input, the branch (port 0) from deeper down
        Graph g = new TestGraphs().add("x", new Input(List.of(8)))
                .add("dense", new Dense(8, true)).link("x", "dense")
                .add("relu", new ReLU()).link("dense", "relu")
                .add("add", new Add()).link("relu", "add", 0).link("x", "add", 1)
                .build();
        Arrangement a = layout(Flow.TOP_DOWN).arrange(g, Flow.TOP_DOWN);
        assertThat(end(a, new Edge("relu", "add", 0)).x()).isLessThan(end(a, new Edge("x", "add", 1)).x());
        Arrangement side = layout(Flow.LEFT_RIGHT).arrange(g, Flow.LEFT_RIGHT);
        assertThat(end(side, new Edge("relu", "add", 0)).y()).isLessThan(end(side, new Edge("x", "add", 1)).y());
    }

    @Test
    void anEmptyDesignHasNothingToMove() {
        Arrangement a = layout(Flow.TOP_DOWN).arrange(Graph.empty(), Flow.TOP_DOWN);
        assertThat(a.move().positions()).isEmpty();
        assertThat(a.routes()).isEmpty();
        History<Graph> history = new History<>(Graph.empty(), 10, g -> { });
        history.execute(a.move());
        assertThat(history.undoDescription()).isEmpty();
    }

    @Test
    void aSingleLayerGoesToTheOrigin() {
        Graph g = new TestGraphs().add("x", new Input(List.of(8))).build();
        for (Flow flow : Flow.values()) {
            Arrangement a = layout(flow).arrange(g, flow);
            assertThat(a.move().positions()).containsExactly(Map.entry("x", Position.ORIGIN));
            assertThat(a.routes()).isEmpty();
        }
    }

    @Test
    void disconnectedPartsAndLoneLayersDoNotOverlap() {
        Graph g = new TestGraphs()
                .add("a", new Input(List.of(8))).add("a1", new Dense(8, true)).link("a", "a1")
                .add("b", new Input(List.of(8))).add("b1", new Dense(8, true)).link("b", "b1")
                .add("b2", new Concat(0)).link("a1", "b2", 0).link("b1", "b2", 1)
                .add("c", new Input(List.of(4))).add("c1", new ReLU()).link("c", "c1")
                .add("lone", new ReLU())
                .build();
        for (Flow flow : Flow.values()) {
            assertReadable(g, layout(flow).arrange(g, flow), flow);
        }
    }

    @Test
    void aDesignWithACycleOrASelfLoopIsStillArrangedWithoutOverlaps() {
        // invalid designs (validation reports them) can still be opened and tidied
        Graph g = new TestGraphs().add("x", new Input(List.of(8)))
                .add("a", new Add()).link("x", "a", 0)
                .add("d", new Dense(8, true)).link("a", "d")
                .add("r", new ReLU()).link("d", "r").link("r", "a", 1)
                .add("s", new ReLU()).link("r", "s").link("s", "s")
                .build();
        for (Flow flow : Flow.values()) {
            Arrangement a = layout(flow).arrange(g, flow);
            assertThat(a.move().positions()).containsOnlyKeys("x", "a", "d", "r", "s");
            assertNoOverlap(a.move().positions());
            assertThat(a.routes()).containsOnlyKeys(g.edges());
        }
    }

    @Test
    void undoingTheAutoLayoutPutsEveryLayerBack() {
        Graph g = new TestGraphs().add("x", new Input(List.of(8)))
                .add("l", new Dense(8, true)).link("x", "l")
                .add("r", new Dense(8, true)).link("x", "r")
                .add("cat", new Concat(0)).link("l", "cat", 0).link("r", "cat", 1)
                .build();
        History<Graph> history = new History<>(g, 10, next -> { });
        history.execute(layout(Flow.TOP_DOWN).arrange(g, Flow.TOP_DOWN).move());
        assertThat(history.state()).isNotEqualTo(g);
        assertThat(history.undoDescription()).contains("Auto-layout");
        history.undo();
        assertThat(history.state()).isEqualTo(g);
        assertThat(history.undoDescription()).isEmpty();
    }

    /**
     * Checks what a person sees: every layer placed, no two cards overlapping, every connection flowing
     * with the design, leaving its source's output side in the middle and arriving on its target's input
     * side (a merge's inputs in input order), and never running through a card.
     */
    private static void assertReadable(Graph g, Arrangement a, Flow flow) {
        Map<String, Position> at = a.move().positions();
        assertThat(at).containsOnlyKeys(g.nodes().stream().map(LayerNode::id).toList());
        assertThat(a.move().description()).isEqualTo("Auto-layout");
        assertNoOverlap(at);
        assertThat(a.routes()).containsOnlyKeys(g.edges());
        boolean down = flow == Flow.TOP_DOWN;
        for (Edge e : g.edges()) {
            Position from = at.get(e.from());
            Position to = at.get(e.to());
            List<Position> route = a.routes().get(e);
            Position start = route.get(0);
            Position end = route.get(route.size() - 1);
            if (down) {
                assertThat(to.y()).as("%s flows down", e).isGreaterThanOrEqualTo(from.y() + H - EPS);
                assertThat(start.x()).as("%s leaves in the middle of the bottom", e).isCloseTo(from.x() + W / 2, within(EPS));
                assertThat(start.y()).isCloseTo(from.y() + H, within(EPS));
                assertThat(end.y()).as("%s arrives on the top", e).isCloseTo(to.y(), within(EPS));
                assertThat(end.x()).isBetween(to.x(), to.x() + W);
            } else {
                assertThat(to.x()).as("%s flows right", e).isGreaterThanOrEqualTo(from.x() + W - EPS);
                assertThat(start.x()).as("%s leaves in the middle of the right side", e).isCloseTo(from.x() + W, within(EPS));
                assertThat(start.y()).isCloseTo(from.y() + H / 2, within(EPS));
                assertThat(end.x()).as("%s arrives on the left", e).isCloseTo(to.x(), within(EPS));
                assertThat(end.y()).isBetween(to.y(), to.y() + H);
            }
            for (int i = 0; i + 1 < route.size(); i++) {
                for (Map.Entry<String, Position> card : at.entrySet()) {
                    assertThat(entersCard(route.get(i), route.get(i + 1), card.getValue()))
                            .as("%s runs through %s", e, card.getKey()).isFalse();
                }
            }
        }
        for (LayerNode n : g.nodes()) {
            List<Double> across = g.inputsOf(n.id()).stream()
                    .collect(java.util.stream.Collectors.groupingBy(Edge::port, java.util.TreeMap::new,
                            java.util.stream.Collectors.toList()))
                    .values().stream()
                    .map(sameInput -> {
                        Position end = end(a, sameInput.get(0));
                        return down ? end.x() : end.y();
                    })
                    .toList();
            assertThat(across).as("inputs of %s in input order", n.id()).isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(across).doesNotHaveDuplicates();
        }
    }

    private static Position end(Arrangement a, Edge e) {
        List<Position> route = a.routes().get(e);
        return route.get(route.size() - 1);
    }

    private static void assertNoOverlap(Map<String, Position> at) {
        List<Map.Entry<String, Position>> cards = new ArrayList<>(at.entrySet());
        for (int i = 0; i < cards.size(); i++) {
            for (int j = i + 1; j < cards.size(); j++) {
                Position p = cards.get(i).getValue();
                Position q = cards.get(j).getValue();
                boolean overlap = Math.abs(p.x() - q.x()) < W - EPS && Math.abs(p.y() - q.y()) < H - EPS;
                assertThat(overlap).as("%s and %s overlap", cards.get(i).getKey(), cards.get(j).getKey()).isFalse();
            }
        }
    }

    /** Returns whether the segment from {@code a} to {@code b} passes through the inside of a card (Liang-Barsky). */
    private static boolean entersCard(Position a, Position b, Position card) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {a.x() - (card.x() + EPS), card.x() + W - EPS - a.x(), a.y() - (card.y() + EPS),
            card.y() + H - EPS - a.y()};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] <= 0) {
                    return false;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 < t1;
    }

    /**
     * Random designs of up to 40 layers: inputs, single-input layers and merges of two or three
     * earlier layers (the same one twice, as in {@code x + x}, included), so some have several
     * disconnected parts and some layers feed nothing.
     */
    @Provide
    Arbitrary<Graph> designs() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(40).map(AutoLayoutTest::design);
    }

    private static Graph design(List<Integer> choices) {
        TestGraphs g = new TestGraphs();
        for (int i = 0; i < choices.size(); i++) {
            int c = choices.get(i);
            String id = "n" + i;
            int kind = i == 0 ? 0 : c % 5;
            switch (kind) {
                case 0 -> g.add(id, new Input(List.of(8)));
                case 1, 2 -> g.add(id, kind == 1 ? new Dense(8, true) : new ReLU()).link("n" + (c / 5) % i, id);
                default -> {
                    g.add(id, kind == 3 ? new Add() : new Concat(0));
                    int inputs = kind == 3 ? 2 : 2 + (c / 7) % 2;
                    for (int port = 0; port < inputs; port++) {
                        g.link("n" + (c / (11 + port)) % i, id, port);
                    }
                }
            }
        }
        return g.build();
    }
}
