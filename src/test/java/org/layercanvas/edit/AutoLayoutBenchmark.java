package org.layercanvas.edit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.layercanvas.bench.BenchmarkGraphs;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;

/**
 * Measures {@link AutoLayout#arrange} on the generated DAGs of 100, 500 and 1,000 layers (residual and
 * two-branch blocks), both ways: what Ctrl+L costs. The first call of the JVM, which loads ELK and
 * reads its option catalogue, is reported apart from the warm calls. Beside wall time it reports the
 * calling thread's CPU time (ELK Layered runs on that thread alone), which other work on a shared
 * machine disturbs far less.
 *
 * <p>Run in a fresh JVM: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.mainClass=org.layercanvas.edit.AutoLayoutBenchmark}
 */
public final class AutoLayoutBenchmark {
    private static final int[] SIZES = {100, 500, 1_000};
    private static final int ROUNDS = 30;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AutoLayoutBenchmark() {
    }

    /** Prints the first call's time, then a Markdown table of median and 90th-percentile times. */
    public static void main(String[] args) {
        Graph first = BenchmarkGraphs.dag(500);
        long t0 = System.nanoTime();
        new AutoLayout(204, 70, 50).arrange(first, Flow.TOP_DOWN);
        System.out.printf(Locale.ROOT, "first call in a fresh JVM (500 layers, top-down): %.0f ms%n%n",
                (System.nanoTime() - t0) / 1e6);
        // the JIT compiles ELK's code paths (hundreds of classes) for a while: do it before any case
        long warmEnd = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (Flow flow : Flow.values()) {
                new AutoLayout(204, 70, 50).arrange(first, flow);
            }
        }
        System.out.println("| layers | connections | flow | median ms | p90 ms | median CPU ms |");
        System.out.println("| ---: | ---: | --- | ---: | ---: | ---: |");
        for (int size : SIZES) {
            Graph graph = BenchmarkGraphs.dag(size);
            for (Flow flow : Flow.values()) {
                measure(graph, flow);
            }
        }
    }

    private static void measure(Graph graph, Flow flow) {
        AutoLayout layout = new AutoLayout(204, 70, flow == Flow.TOP_DOWN ? 50 : 90);
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            layout.arrange(graph, flow);
        }
        double[] ms = new double[ROUNDS];
        double[] cpu = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            layout.arrange(graph, flow);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "| %,d | %,d | %s | %.1f | %.1f | %.1f |%n", graph.size(), graph.edges().size(),
                flow == Flow.TOP_DOWN ? "top-down" : "left-right", ms[ROUNDS / 2], ms[ROUNDS * 9 / 10], cpu[ROUNDS / 2]);
    }
}
