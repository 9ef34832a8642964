package org.layercanvas.engine;

import ai.djl.engine.Engine;
import java.util.function.Consumer;
import org.layercanvas.graph.Analysis;

/** Starts training runs, each on its own background thread. */
public final class TrainingService {
    private final LayerBlockFactory factory;

    /** Creates a service that builds layers with {@code factory}. */
    public TrainingService(LayerBlockFactory factory) {
        this.factory = factory;
    }

    /**
     * Starts loading the native library on a thread of its own and returns at once, so that loading
     * it overlaps with reading a run's data, which together are most of a short run's start; the run
     * waits for what is left when it needs the library. A library that cannot load is reported by
     * the run that needs it, as without this.
     */
    public static void loadLibraryAhead() {
        Thread thread = new Thread(() -> {
            try {
                Engine.getEngine("PyTorch");
            } catch (RuntimeException | LinkageError e) {
                // the run that needs the library loads it again and says why it cannot
            }
        }, "native-library");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a run and returns at once. Every event goes to {@code listener} on the training thread,
     * and to the job's run folder first when it has one; the last event is the final one.
     *
     * @throws IllegalArgumentException when the design has errors or the data does not fit it
     */
    public TrainingRun start(TrainingJob job, Consumer<TrainingEvent> listener) {
        Analysis analysis = Analysis.of(job.graph());
        if (analysis.hasErrors()) {
            throw new IllegalArgumentException("the design has errors; fix them before training");
        }
        var problems = DataCheck.problems(job.graph(), analysis, job.data());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        TrainingRun run = new TrainingRun();
        TrainingLoop loop = new TrainingLoop(job, new GraphBlock(job.graph(), analysis, factory), run, listener);
        // the engine's log lines carry the thread's name to the terminal as it is: no control characters in it
        Thread thread = new Thread(loop, "training-" + job.designName().replaceAll("[\\p{Cntrl}\\p{Cf}]", "?"));
        thread.setDaemon(true);
        thread.start();
        return run;
    }
}
