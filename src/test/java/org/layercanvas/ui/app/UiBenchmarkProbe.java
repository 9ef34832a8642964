package org.layercanvas.ui.app;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.layercanvas.edit.SetParamCommand;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.ui.canvas.CanvasView;

/**
 * Times what a person waits for in the window, for the canvas benchmark: every measurement ends
 * with the scene styled, laid out and rendered whole (a snapshot does what a frame does).
 * Call on the FX thread.
 */
public final class UiBenchmarkProbe {
    private final TestWindow window;
    private final Stage stage;

    private UiBenchmarkProbe(TestWindow window, Stage stage) {
        this.window = window;
        this.stage = stage;
    }

    /** Opens an empty main window on {@code stage}, with its folders in a temporary folder. */
    public static UiBenchmarkProbe open(Stage stage) {
        try {
            return new UiBenchmarkProbe(TestWindow.open(stage), stage);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Returns the folder the window's runs go to. */
    public Path runs() {
        return window.dir.resolve("runs");
    }

    private CanvasView canvas() {
        return (CanvasView) stage.getScene().lookup("#canvas");
    }

    /** Opens a design file and renders it; returns milliseconds. */
    public double openAndRender(Path file) {
        long t0 = System.nanoTime();
        window.bench.editor().replace(Design.of("empty", Graph.empty()), null);
        window.window.open(file);
        canvas().showOpened();
        render();
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Sets the units of the first Dense layer (every layer after it changes shape) or of the last
     * one (one card changes) and renders; returns milliseconds.
     */
    public double editAndRender(int units, boolean first) {
        var denses = scope().graph().nodes().stream().filter(n -> n.spec() instanceof Dense).toList();
        LayerNode dense = first ? denses.get(0) : denses.get(denses.size() - 1);
        long t0 = System.nanoTime();
        scope().execute(new SetParamCommand(dense.id(), "units", units));
        render();
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Sets the units of the last Dense layer and renders, as {@link #editAndRender} does; returns the
     * milliseconds of CPU time the FX thread spent on it (the command, analysis, listeners, CSS and
     * layout: not the painting, which the render thread does), which other work on a busy machine
     * stretches far less than it stretches wall time.
     */
    public double editCpuTime(int units) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        edit(units);
        render();
        return (threads.getCurrentThreadCpuTime() - t0) / 1e6;
    }

    /** Renders without any change, the floor under the other measurements; returns milliseconds. */
    public double renderOnly() {
        long t0 = System.nanoTime();
        render();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Pans (and every fourth frame zooms) a little and renders; returns milliseconds. */
    public double panZoomAndRender(int step) {
        long t0 = System.nanoTime();
        if (step % 4 == 0) {
            canvas().zoomBy(step % 8 == 0 ? 1.05 : 1 / 1.05);
        } else {
            canvas().panBy(7, 3);
        }
        render();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Pans (and every fourth step zooms) a little without waiting for the frame. */
    public void panZoom(int step) {
        if (step % 4 == 0) {
            canvas().zoomBy(step % 8 == 0 ? 1.05 : 1 / 1.05);
        } else {
            canvas().panBy(7, 3);
        }
    }

    /** Sets the units of the last Dense layer (one card changes) without waiting for the frame. */
    public void edit(int units) {
        var denses = scope().graph().nodes().stream().filter(n -> n.spec() instanceof Dense).toList();
        scope().execute(new SetParamCommand(denses.get(denses.size() - 1).id(), "units", units));
    }

    /** Where edits go: the design, or the block opened with {@link #openFirstBlock}. */
    private org.layercanvas.ui.common.Scope scope() {
        return window.bench.editor().scope();
    }

    /** Opens the design's first block instance, as a double-click on it does, and renders; returns milliseconds. */
    public double openFirstBlock() {
        String id = scope().graph().nodes().stream().filter(n -> n.spec() instanceof org.layercanvas.graph.Block)
                .findFirst().orElseThrow().id();
        long t0 = System.nanoTime();
        scope().enter(id);
        render();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Returns the number of layers the open design expands to, blocks and repeats counted out. */
    public int expandedLayers() {
        return window.bench.editor().analysis().layerCount();
    }

    private void render() {
        // a snapshot runs the pulse's CSS and layout pass first; Node.applyCss would instead force
        // styles onto every node, which no frame does (measured: 13-18 ms of the canvas alone)
        stage.getScene().snapshot(null);
    }


    /** Opens a design file and presses Train, as a person would; returns at once. */
    public void train(Path file) {
        window.window.open(file);
        canvas().showOpened();
        window.bench.training().start();
    }

    /** Returns the run that Train started, once it has; null before. */
    public org.layercanvas.engine.TrainingRun run() {
        return window.bench.training().run();
    }

    /** Returns whether Train can be pressed: no run in progress, its end drawn. */
    public boolean idle() {
        return window.bench.training().phaseProperty().get()
                == org.layercanvas.ui.training.TrainingModel.Phase.IDLE;
    }

    /** Returns the number of layers in the open design. */
    public int layers() {
        return window.bench.editor().graph().size();
    }

    /** Returns the number of connections in the open design. */
    public int connections() {
        return window.bench.editor().graph().edges().size();
    }
}
