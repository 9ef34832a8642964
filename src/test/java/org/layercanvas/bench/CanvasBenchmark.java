package org.layercanvas.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javafx.application.Platform;
import org.layercanvas.ui.app.UiBenchmarkProbe;

/**
 * Opens a generated 500-layer design in the real window and measures: the time from opening the
 * file to the first rendered frame of it, the time of one edit (command, validation, canvas update,
 * layout and render) and the FX thread's CPU time for it, and the frame time while panning and
 * zooming (each frame rendered whole); the edits and frames after a warm-up of the same steps.
 * With {@code -Dbench.design=blocks} the design is the same size expressed with blocks (four
 * stages of a repeated unit), and the edits and pans happen inside its first block, opened.
 *
 * <p>Run under a display (or Xvfb): {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.mainClass=org.layercanvas.bench.CanvasBenchmark}
 */
public final class CanvasBenchmark {
    private static final int LAYERS = 500;
    private static final int WARM_UP = 100;

    private CanvasBenchmark() {
    }

    /** Prints a Markdown table of the three measurements. */
    public static void main(String[] args) throws Exception {
        boolean blocks = "blocks".equals(System.getProperty("bench.design"));
        Path file = blocks ? Fx.blockDesign(LAYERS) : Fx.layeredDesign(LAYERS);
        UiBenchmarkProbe probe = Fx.openWindow();
        // warm up the code paths once on another file
        Fx.onFx(() -> probe.openAndRender(file));
        double[] open = new double[5];
        for (int i = 0; i < open.length; i++) {
            open[i] = Fx.onFx(() -> probe.openAndRender(file));
        }
        double[] enter = new double[blocks ? 5 : 0];
        for (int i = 0; i < enter.length; i++) {
            Fx.onFx(() -> probe.openAndRender(file));
            enter[i] = Fx.onFx(probe::openFirstBlock);
        }
        // the edits and pans first unmeasured, so the measured ones run compiled code, as they do for
        // a person who has been editing for a minute (cold, an edit inside a block took 2-3x longer)
        for (int i = 0; i < WARM_UP; i++) {
            int step = i;
            Fx.onFx(() -> probe.editAndRender(16 + step % 7, false));
            Fx.onFx(() -> probe.editAndRender(64 + step % 2, true));
            Fx.onFx(() -> probe.panZoomAndRender(step));
        }
        // back to the design as opened, and its view
        Fx.onFx(() -> probe.openAndRender(file));
        if (blocks) {
            Fx.onFx(probe::openFirstBlock);
        }
        double[] edits = new double[60];
        double[] localEdits = new double[60];
        for (int i = 0; i < edits.length; i++) {
            int units = 16 + i % 7;
            localEdits[i] = Fx.onFx(() -> probe.editAndRender(units, false));
        }
        double[] localCpu = new double[60];
        for (int i = 0; i < localCpu.length; i++) {
            int units = 16 + i % 7;
            localCpu[i] = Fx.onFx(() -> probe.editCpuTime(units));
        }
        for (int i = 0; i < edits.length; i++) {
            int units = 64 + i % 2;
            edits[i] = Fx.onFx(() -> probe.editAndRender(units, true));
        }
        double[] frames = new double[120];
        for (int i = 0; i < frames.length; i++) {
            int step = i;
            frames[i] = Fx.onFx(() -> probe.panZoomAndRender(step));
        }
        double[] still = new double[30];
        for (int i = 0; i < still.length; i++) {
            still[i] = Fx.onFx(probe::renderOnly);
        }
        System.out.printf(Locale.ROOT, "| measurement (%d layers, %d connections%s) | median ms | p90 ms | target |%n",
                blocks ? probe.expandedLayers() : probe.layers(), probe.connections(),
                blocks ? ", in blocks; edits inside the first block" : "");
        System.out.println("| --- | ---: | ---: | --- |");
        row("open to first frame", open, "< 1000");
        if (blocks) {
            row("open a block (double-click) to first frame", enter, "");
        }
        row("an edit of one layer (command + validation + canvas + frame)", localEdits, "< 16");
        row("the same edit, CPU time of the FX thread (all but painting)", localCpu, "");
        row("an edit that reshapes every layer after it", edits, "< 16");
        row("pan/zoom frame", frames, "< 16 (median)");
        row("a frame with no change (the floor: a whole-scene render)", still, "");
        Platform.exit();
    }

    private static void row(String name, double[] ms, String target) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %s |%n", name, s[s.length / 2], s[s.length * 9 / 10], target);
    }
}
