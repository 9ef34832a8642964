package org.layercanvas.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A run in progress on its background thread: pause, resume and stop it from any thread; each takes
 * effect between two batches. Wait for its final event with {@link #await}.
 */
public final class TrainingRun {
    private final Object lock = new Object();
    private final CountDownLatch done = new CountDownLatch(1);
    private boolean paused;
    private boolean stopRequested;
    private volatile TrainingEvent finalEvent;

    TrainingRun() {
    }

    /** Pauses after the current batch. */
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    /** Resumes a paused run. */
    public void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    /** Stops after the current batch, saving a checkpoint the run can be resumed from. */
    public void stop() {
        synchronized (lock) {
            stopRequested = true;
            lock.notifyAll();
        }
    }

    /** Returns whether a pause is requested or in effect. */
    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Returns whether the run has ended. */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits for the run to end and returns its final event. */
    public TrainingEvent await() throws InterruptedException {
        done.await();
        return finalEvent;
    }

    /** Waits at most this long; returns the final event, or {@code null} if still running. */
    public TrainingEvent await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit) ? finalEvent : null;
    }

    /** Returns whether a stop was requested. Called by the loop between batches. */
    boolean stopRequested() {
        synchronized (lock) {
            return stopRequested;
        }
    }

    /**
     * Blocks while paused. Returns whether the loop had to wait, so it can report the pause.
     * Called by the loop between batches, before the pause takes effect (so it can say so first).
     */
    boolean waitWhilePaused(Runnable onPause) throws InterruptedException {
        synchronized (lock) {
            if (!paused || stopRequested) {
                return false;
            }
            onPause.run();
            while (paused && !stopRequested) {
                lock.wait();
            }
            return true;
        }
    }

    void finish(TrainingEvent event) {
        finalEvent = event;
        done.countDown();
    }
}
