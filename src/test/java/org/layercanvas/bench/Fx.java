package org.layercanvas.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/** The window benchmarks' shared steps: a large design file, the window, work on the FX thread. */
final class Fx {
    private Fx() {
    }

    /** Writes a generated design of about {@code layers} layers, laid out top-down, to a temporary file. */
    static java.nio.file.Path layeredDesign(int layers) throws java.io.IOException {
        org.layercanvas.graph.Graph dag = BenchmarkGraphs.dag(layers);
        org.layercanvas.graph.Graph placed = new org.layercanvas.edit.AutoLayout(204, 70, 50)
                .arrange(dag, org.layercanvas.graph.Flow.TOP_DOWN).move()
                .apply(dag);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bench-" + layers, ".json");
        new org.layercanvas.io.DesignCodec().write(org.layercanvas.graph.Design.of("bench-" + layers, placed), file);
        return file;
    }

    /**
     * Writes a generated design of about {@code layers} layers expressed with blocks (four stages of
     * a repeated residual unit), the design and each body laid out top-down, to a temporary file.
     */
    static java.nio.file.Path blockDesign(int layers) throws java.io.IOException {
        org.layercanvas.edit.AutoLayout layout = new org.layercanvas.edit.AutoLayout(204, 70, 50);
        org.layercanvas.graph.Graph g = BenchmarkGraphs.blocks(layers);
        java.util.Map<String, org.layercanvas.graph.BlockDefinition> placed = new java.util.LinkedHashMap<>();
        g.blocks().forEach((id, d) -> placed.put(id, d.withBody(layout.arrange(d.body(),
                org.layercanvas.graph.Flow.TOP_DOWN).move().apply(d.body()))));
        org.layercanvas.graph.Graph top = layout.arrange(g, org.layercanvas.graph.Flow.TOP_DOWN).move().apply(g)
                .withBlocks(placed);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bench-blocks-" + layers, ".json");
        new org.layercanvas.io.DesignCodec().write(org.layercanvas.graph.Design.of("bench-blocks-" + layers, top), file);
        return file;
    }

    /** Starts JavaFX and opens the main window, empty, for a probe to drive. */
    static org.layercanvas.ui.app.UiBenchmarkProbe openWindow() throws Exception {
        Platform.startup(() -> { });
        return onFx(() -> org.layercanvas.ui.app.UiBenchmarkProbe.open(new javafx.stage.Stage()));
    }

    static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
