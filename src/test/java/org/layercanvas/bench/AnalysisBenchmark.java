package org.layercanvas.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Graph;

/**
 * Measures validation plus shape inference ({@link Analysis#of}) on generated chains and DAGs of
 * 100, 1,000 and 10,000 layers: the work the canvas repeats after every edit.
 *
 * <p>Run in a fresh JVM: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.mainClass=org.layercanvas.bench.AnalysisBenchmark}
 */
public final class AnalysisBenchmark {
    private static final int[] SIZES = {100, 1_000, 10_000};

    private AnalysisBenchmark() {
    }

    /** Prints a Markdown table of median and 90th-percentile times per shape and size. */
    public static void main(String[] args) {
        System.out.println("| graph | layers | edges | median ms | p90 ms | µs per layer |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        measure("chain", BenchmarkGraphs::chain);
        measure("DAG", BenchmarkGraphs::dag);
    }

    private static void measure(String kind, IntFunction<Graph> generator) {
        for (int size : SIZES) {
            Graph graph = generator.apply(size);
            if (Analysis.of(graph).hasErrors()) {
                throw new IllegalStateException("generated " + kind + " has errors");
            }
            // warm up by time, so the JIT has compiled the hot paths before anything is measured
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < warmEnd) {
                Analysis.of(graph);
            }
            int rounds = Math.max(100, 1_000_000 / size);
            double[] ms = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                Analysis.of(graph);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = ms[rounds / 2];
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.3f | %.3f | %.2f |%n", kind, graph.size(),
                    graph.edges().size(), median, ms[rounds * 9 / 10], median * 1000 / graph.size());
        }
    }
}
