package org.layercanvas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Graph;

class BenchmarkGraphsTest {

    @Test
    void generatedGraphsAreValidAndAboutTheRequestedSize() {
        for (int size : new int[] {100, 1_000}) {
            for (Graph g : new Graph[] {BenchmarkGraphs.chain(size), BenchmarkGraphs.dag(size)}) {
                assertThat(Analysis.of(g).diagnostics()).isEmpty();
                assertThat(g.size()).isBetween(size - 5, size + 5);
            }
        }
        assertThat(BenchmarkGraphs.dag(100).edges().size()).isGreaterThan(110);
    }
}
