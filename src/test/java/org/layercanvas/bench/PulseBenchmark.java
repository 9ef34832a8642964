package org.layercanvas.bench;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import org.layercanvas.ui.app.UiBenchmarkProbe;

/**
 * Real frames of the 500-layer design: a timeline pans it 100 times, then edits one layer 100
 * times, 80 ms apart (all of it once unmeasured first, to warm up), with JavaFX's pulse logger on,
 * which prints each pulse's phases (CSS, layout, painting) and total. Prints {@code MARK pan} and
 * {@code MARK edit} before each measured part and {@code STEP} in the pulse of each action, so the
 * pulse that follows a STEP line is its frame.
 *
 * <p>Run under a display (or Xvfb): {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.mainClass=org.layercanvas.bench.PulseBenchmark > pulses.log 2>&1}, then
 * {@code scripts/pulse-stats.sh pulses.log} for the median and p90 of each part's frames. With
 * {@code -Dbench.design=blocks}, the design is 500 layers in blocks, panned and edited inside its
 * first block.
 */
public final class PulseBenchmark {
    private static final int STEPS = Integer.getInteger("bench.steps", 100);

    private PulseBenchmark() {
    }

    /** Drives the window; the pulse logger writes the measurements. */
    public static void main(String[] args) throws Exception {
        System.setProperty("javafx.pulseLogger", "true");
        System.setProperty("javafx.pulseLogger.threshold", "0");
        boolean blocks = "blocks".equals(System.getProperty("bench.design"));
        Path file = blocks ? Fx.blockDesign(500) : Fx.layeredDesign(500);
        UiBenchmarkProbe probe = Fx.openWindow();
        Fx.onFx(() -> probe.openAndRender(file));
        if (blocks) {
            // edits inside a block change every copy of it: the whole design is analysed again
            Fx.onFx(probe::openFirstBlock);
        }
        Thread.sleep(2000);
        // the same steps first unmeasured, so the measured frames run compiled code, as they do
        // for a person who has been editing for a minute (cold, the first 40 frames are ~2x slower)
        play(probe, "warm-up");
        play(probe, "");
        Thread.sleep(500);
        System.out.println("MARK end");
        Platform.exit();
    }

    /** Plays the pans then the edits, 80 ms apart; marks them (pan, edit) unless {@code prefix} says otherwise. */
    private static void play(UiBenchmarkProbe probe, String prefix) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Fx.onFx(() -> {
            Timeline t = new Timeline();
            for (int i = 0; i < 2 * STEPS; i++) {
                int step = i;
                t.getKeyFrames().add(new KeyFrame(Duration.millis(80 * (i + 1)), e -> {
                    if (step == 0) {
                        System.out.println("MARK " + prefix + "pan");
                    } else if (step == STEPS) {
                        System.out.println("MARK " + prefix + "edit");
                    }
                    System.out.println("STEP");
                    if (step < STEPS) {
                        probe.panZoom(step);
                    } else {
                        probe.edit(16 + step % 7);
                    }
                }));
            }
            t.setOnFinished(e -> done.countDown());
            t.play();
            return null;
        });
        done.await();
    }
}
