package org.layercanvas.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Work the window does off the FX thread (reading files, loading data, listing runs, evaluating a
 * model), on the one executor the application made. Results come back on the FX thread. A
 * {@link #lane} runs its tasks one after another, for work whose order matters (autosaves, checks).
 */
public final class Background {
    private final Executor executor;

    /** Runs work on {@code executor}, which the application owns and shuts down. */
    public Background(Executor executor) {
        this.executor = Objects.requireNonNull(executor);
    }

    /** Something to do off the FX thread that may fail. */
    @FunctionalInterface
    public interface Work<T> extends Callable<T> {
    }

    /**
     * Runs {@code work} off the FX thread, then {@code done} with its result on the FX thread, or
     * {@code failed} with what it threw.
     */
    public <T> void run(Work<T> work, Consumer<? super T> done, Consumer<? super Exception> failed) {
        executor.execute(() -> finish(work, done, failed));
    }

    private static <T> void finish(Work<T> work, Consumer<? super T> done, Consumer<? super Exception> failed) {
        T result;
        try {
            result = work.call();
        } catch (Exception | OutOfMemoryError e) {
            Exception reported = e instanceof Exception x ? x : new IllegalStateException("out of memory", e);
            Platform.runLater(() -> failed.accept(reported));
            return;
        }
        Platform.runLater(() -> done.accept(result));
    }

    /** Runs {@code task} off the FX thread; it reports back itself if it needs to. */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** Returns a lane of this executor that runs its tasks one at a time, in the order given. */
    public Executor lane() {
        return new Lane(executor);
    }

    /** Tasks one at a time on a shared executor, each started when the one before ends. */
    private static final class Lane implements Executor {
        private final Executor shared;
        private final Deque<Runnable> queue = new ArrayDeque<>();
        private boolean running;

        Lane(Executor shared) {
            this.shared = shared;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (queue) {
                queue.add(task);
                if (running) {
                    return;
                }
                running = true;
            }
            shared.execute(this::drain);
        }

        private void drain() {
            while (true) {
                Runnable next;
                synchronized (queue) {
                    next = queue.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                }
            }
        }
    }
}
