package org.layercanvas.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Position;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.Samples;

class LayeredLayoutTest {
    private static final double W = 200;
    private static final double H = 70;
    private final LayeredLayout layout = new LayeredLayout(W, H, 40);

    static List<Path> samples() {
        return Samples.designs();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleIsArrangedTopDownWithoutOverlapsAndWithDataFlowingDown(Path sample) throws Exception {
        Graph g = new DesignCodec().read(sample).graph();
        Map<String, Position> p = layout.positions(g, true);
        assertThat(p.keySet()).containsExactlyInAnyOrderElementsOf(g.nodes().stream().map(n -> n.id()).toList());
        assertNoOverlap(new ArrayList<>(p.values()));
        for (Edge e : g.edges()) {
            assertThat(p.get(e.to()).y()).as(e.toString()).isGreaterThan(p.get(e.from()).y());
        }
        Map<String, Position> side = layout.positions(g, false);
        assertNoOverlap(new ArrayList<>(side.values()));
        for (Edge e : g.edges()) {
            assertThat(side.get(e.to()).x()).isGreaterThan(side.get(e.from()).x());
        }
        Graph arranged = layout.arrange(g, true).apply(g);
        assertThat(arranged.edges()).isEqualTo(g.edges());
    }

    private static void assertNoOverlap(List<Position> ps) {
        for (int i = 0; i < ps.size(); i++) {
            for (int j = i + 1; j < ps.size(); j++) {
                Position a = ps.get(i);
                Position b = ps.get(j);
                boolean overlap = Math.abs(a.x() - b.x()) < W && Math.abs(a.y() - b.y()) < H;
                assertThat(overlap).as(a + " and " + b).isFalse();
            }
        }
    }
}
