package org.layercanvas.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.layercanvas.data.Examples;
import org.layercanvas.engine.TrainingEvent.BatchEnded;
import org.layercanvas.engine.TrainingEvent.CheckpointSaved;
import org.layercanvas.engine.TrainingEvent.EpochEnded;
import org.layercanvas.engine.TrainingEvent.Failed;
import org.layercanvas.engine.TrainingEvent.Finished;
import org.layercanvas.engine.TrainingEvent.Paused;
import org.layercanvas.engine.TrainingEvent.Resumed;
import org.layercanvas.engine.TrainingEvent.Started;
import org.layercanvas.engine.TrainingEvent.Stopped;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Output;

/**
 * The loop of one run on its thread: batches in a seeded order, every batch's arrays closed as soon
 * as the step is done, a look at pause and stop between batches, validation after each epoch.
 */
final class TrainingLoop implements Runnable {

    private final TrainingJob job;
    private final GraphBlock block;
    private final TrainingRun run;
    private final Consumer<TrainingEvent> listener;
    private final Output output;
    private final Objective objective;
    private final Examples train;
    private final Examples validation;
    private RunFolder.EventLog log;
    private Engine engine;
    private CarriedOptimizer optimizer;
    private long startNanos;
    private long lastCollectionEnd;
    private long lastCollectionNanos;
    private int step;
    /** The optimizer's count of updates minus the run's steps: negative after a resume that restarted it. */
    private int updatesBehind;
    private int currentEpoch;
    /** The epoch in progress: batches trained, their losses times their sizes, samples, and the metric's sum. */
    private int epochBatch;
    private double epochLoss;
    private int epochSeen;
    private NDArray epochMetric;

    TrainingLoop(TrainingJob job, GraphBlock block, TrainingRun run, Consumer<TrainingEvent> listener) {
        this.job = job;
        this.block = block;
        this.run = run;
        this.listener = listener;
        this.output = (Output) job.graph().nodes().stream().map(LayerNode::spec).filter(s -> s instanceof Output)
                .findFirst().orElseThrow();
        this.train = job.data().train();
        this.validation = job.data().validation();
        this.objective = Objective.of(output, train);
    }

    @Override
    public void run() {
        TrainingEvent last;
        try {
            if (job.folder() != null) {
                log = job.folder().openLog();
            }
            last = train();
        } catch (EngineException e) {
            last = new Failed("The engine failed: " + firstLine(e), "Check the design's shapes and the data.");
        } catch (OutOfMemoryError e) {
            last = new Failed("Out of memory while training.", "Use a smaller batch size or a smaller network.");
        } catch (RunFolderException e) {
            last = new Failed(e.getMessage(), e.hint());
        } catch (LaunchException e) {
            last = new Failed(e.getMessage(), "");
        } catch (IOException e) {
            last = new Failed("Could not write the run folder: " + RunFileWriter.reason(e),
                    "Check free disk space and that the folder can be written.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = new Stopped(0, step, "");
        } catch (RuntimeException e) {
            last = new Failed("Training failed: " + firstLine(e), "");
        }
        publish(last);
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                // the final event was flushed when written; a failing close loses nothing
            }
        }
        run.finish(last);
    }

    private TrainingEvent train() throws IOException, InterruptedException, LaunchException {
        TrainingSettings s = job.settings();
        int stepsPerEpoch = (train.size() + s.batchSize() - 1) / s.batchSize();
        engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) s.seed());
        Random order = new Random(s.seed());
        String metric = objective.metric();
        startNanos = System.nanoTime();
        Device device = Hardware.device(s.device());
        try (Model model = Model.newInstance(job.designName(), device, "PyTorch")) {
            model.setBlock(block);
            Shape[] inputShapes = block.inputShapes(s.batchSize());
            int firstEpoch = job.firstEpoch();
            TrainingState from = null;
            step = (firstEpoch - 1) * stepsPerEpoch;
            if (job.initialWeights() != null) {
                block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
                from = loadCheckpoint(model.getNDManager()).orElse(null);
                if (from != null) {
                    firstEpoch = from.epoch();
                    step = from.step();
                }
            }
            boolean carried = from != null && CarriedOptimizer.accepts(from, s, block);
            // the optimizer's count of updates goes on with its state; without it, it starts again at 1
            int updates = carried ? from.updates() : 0;
            updatesBehind = updates - step;
            LearningRateSchedule schedule = new LearningRateSchedule(s, stepsPerEpoch, step - updates);
            optimizer = new CarriedOptimizer(s, schedule, block, carried ? from : null);
            publish(new Started(job.designName(), firstEpoch, s.epochs(), stepsPerEpoch, train.size(),
                    validation.size(), metric, Hardware.name(device), Hardware.kernels(device)));
            Loss loss = loss();
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(optimizer.optimizer());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShapes);
                int[] indices = new int[train.size()];
                for (int i = 0; i < indices.length; i++) {
                    indices[i] = i;
                }
                // replay the shuffles of the epochs already trained, so a resumed run sees the same order
                for (int e = 1; e < firstEpoch; e++) {
                    shuffle(indices, order);
                }
                Best best = Best.before(firstEpoch, earlierEvents(firstEpoch), output.isClassification());
                for (int epoch = firstEpoch; epoch <= s.epochs(); epoch++) {
                    shuffle(indices, order);
                    boolean goesOn = epoch == firstEpoch && from != null;
                    startEpoch(trainer, goesOn ? from : null);
                    Epoch result = trainEpoch(trainer, loss, schedule, epoch, indices);
                    if (result == null) {
                        return stop(epoch);
                    }
                    if (!Double.isFinite(result.loss)) {
                        return nanFailure(epoch, schedule);
                    }
                    reclaimNativeMemory();
                    Epoch val = evaluate(trainer, loss);
                    best.offer(epoch, val);
                    publish(new EpochEnded(epoch, result.loss, result.metric, val.loss, val.metric, elapsed(),
                            best.epoch));
                    if (s.checkpointEvery() > 0 && epoch % s.checkpointEvery() == 0 && job.folder() != null) {
                        save(job.folder().checkpoint(epoch), state(epoch + 1));
                        publish(new CheckpointSaved(epoch, relative(job.folder().checkpoint(epoch))));
                    }
                    if (stopsEarly(s, best, epoch)) {
                        saveFinal();
                        return new Finished(epoch, best.epoch, best.metric, "early stopping", elapsed());
                    }
                }
                saveFinal();
                return new Finished(s.epochs(), best.epoch, best.metric, "completed", elapsed());
            } finally {
                if (epochMetric != null) {
                    epochMetric.close();
                }
            }
        }
    }

    /**
     * Loads the weights the job starts from, and returns the training state they were saved with.
     *
     * @throws RunFolderException when the file is damaged, saying what to do
     */
    private Optional<TrainingState> loadCheckpoint(NDManager manager) throws IOException {
        Path file = job.initialWeights();
        try {
            return WeightsFile.load(block, manager, file);
        } catch (RunFolderException e) {
            throw new RunFolderException("Cannot resume: " + e.getMessage(),
                    "Delete it to resume from the checkpoint before it, or train the design again.", e);
        }
    }

    /** Returns the events of the run before this one resumed it, for the best epoch so far; none if unreadable. */
    private List<TrainingEvent> earlierEvents(int firstEpoch) {
        if (firstEpoch <= 1 || job.folder() == null) {
            return List.of();
        }
        try {
            return job.folder().trainingEvents();
        } catch (IOException unreadable) {
            // a damaged log costs the best epoch before the resume, not the run
            return List.of();
        }
    }

    /** Starts an epoch's sums afresh, or where a checkpoint taken inside the epoch left them. */
    private void startEpoch(Trainer trainer, TrainingState from) {
        if (epochMetric != null) {
            epochMetric.close();
        }
        // summed on the device and read once per epoch, so a batch waits on nothing but its loss
        epochMetric = trainer.getManager().create(new float[] {from == null ? 0f : from.metricSum()}, new Shape(1));
        epochBatch = from == null ? 0 : from.batch();
        epochLoss = from == null ? 0 : from.lossSum();
        epochSeen = from == null ? 0 : from.seen();
    }

    /** Returns where the run stands, to go on in {@code epoch} after the batches of it already trained. */
    private TrainingState state(int epoch) {
        boolean inside = epochBatch > 0 && epoch == currentEpoch;
        return new TrainingState(job.settings().optimizer(), epoch, inside ? epochBatch : 0, step,
                step + updatesBehind, inside ? epochLoss : 0, inside ? epochSeen : 0,
                inside ? epochMetric.getFloat() : 0f, optimizer.slots());
    }

    /** Trains one epoch from the batch {@link #startEpoch} left it at; returns {@code null} when a stop was requested. */
    private Epoch trainEpoch(Trainer trainer, Loss loss, LearningRateSchedule schedule, int epoch, int[] indices)
            throws InterruptedException {
        currentEpoch = epoch;
        int batchSize = job.settings().batchSize();
        int per = train.sampleSize();
        int width = train.targetWidth();
        long seed = job.settings().seed();
        long epochStart = System.nanoTime();
        int seenHere = 0;
        for (int from = epochBatch * batchSize; from < indices.length; from += batchSize) {
            if (run.stopRequested()) {
                return null;
            }
            int stepNow = step;
            int epochNow = epoch;
            if (run.waitWhilePaused(() -> publish(new Paused(epochNow, stepNow)))) {
                if (run.stopRequested()) {
                    return null;
                }
                publish(new Resumed(epoch, step));
            }
            int n = Math.min(batchSize, indices.length - from);
            float[] x = new float[n * per];
            float[] y = new float[n * width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(train.features(), indices[from + i] * per, x, i * per, per);
                System.arraycopy(train.targets(), indices[from + i] * width, y, i * width, width);
            }
            // dropout draws from the engine's generator: seeded by the step, a resumed run draws as the
            // uninterrupted one would have, with no generator state to save
            engine.setRandomSeed(batchSeed(seed, step + 1));
            float batchLoss;
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray features = m.create(x, batched(n, train.sampleShape()));
                NDArray labels = labels(m, y, n);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(features));
                    NDArray l = loss.evaluate(new NDList(labels), predictions);
                    collector.backward(l);
                    batchLoss = l.getFloat();
                    epochMetric.addi(metricSum(predictions.singletonOrThrow(), labels));
                }
                trainer.step();
            }
            step++;
            epochBatch++;
            epochSeen += n;
            seenHere += n;
            if (!Float.isFinite(batchLoss)) {
                return new Epoch(Double.NaN, 0);
            }
            epochLoss += batchLoss * n;
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            publish(new BatchEnded(epoch, step, epochBatch, batchLoss, schedule.at(step), seenHere / seconds,
                    elapsed()));
        }
        double metricSum = epochMetric.getFloat();
        Epoch result = new Epoch(epochLoss / epochSeen, metricSum / epochSeen);
        epochBatch = 0;
        return result;
    }

    /** Returns the engine's seed for the batch of a run's step: the run's seed and the step, mixed (SplitMix64). */
    static int batchSeed(long seed, int step) {
        long z = seed + 0x9E3779B97F4A7C15L * (step + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31));
    }

    /** Loss and metric over the validation split, in batches of the block's evaluation size, without training. */
    private Epoch evaluate(Trainer trainer, Loss loss) {
        int per = validation.sampleSize();
        int width = validation.targetWidth();
        double lossSum = 0;
        double metricSum = 0;
        int batch = block.evaluationBatch();
        for (int from = 0; from < validation.size(); from += batch) {
            int n = Math.min(batch, validation.size() - from);
            float[] x = new float[n * per];
            float[] y = new float[n * width];
            System.arraycopy(validation.features(), from * per, x, 0, n * per);
            System.arraycopy(validation.targets(), from * width, y, 0, n * width);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray labels = labels(m, y, n);
                NDList predictions = trainer.evaluate(new NDList(m.create(x, batched(n, validation.sampleShape()))));
                lossSum += loss.evaluate(new NDList(labels), predictions).getFloat() * n;
                metricSum += metricSum(predictions.singletonOrThrow(), labels).getFloat();
            }
        }
        int size = Math.max(validation.size(), 1);
        return new Epoch(lossSum / size, metricSum / size);
    }

    /** Returns the batch's metric summed over its samples, as {@link Objective#metricSum} says. */
    private NDArray metricSum(NDArray predictions, NDArray labels) {
        return objective.metricSum(predictions, labels);
    }

    private NDArray labels(NDManager m, float[] y, int n) {
        return objective.labels(m, y, n);
    }

    private Loss loss() {
        return objective.loss();
    }

    /**
     * Runs a garbage collection between epochs, at most 10% of the time. DJL frees some native tensors
     * only when their Java handles are collected, and the small Java heap of a training run is rarely
     * collected: without this, resident memory grew 38% over 30 epochs of an MLP (the same in a
     * plain DJL loop); with it, 4%.
     */
    private void reclaimNativeMemory() {
        long now = System.nanoTime();
        if (now - lastCollectionEnd < 10 * lastCollectionNanos) {
            return;
        }
        System.gc();
        lastCollectionEnd = System.nanoTime();
        lastCollectionNanos = lastCollectionEnd - now;
    }

    private boolean stopsEarly(TrainingSettings s, Best best, int epoch) {
        return !s.earlyStopping().equals("none") && epoch - best.epochFor(s.earlyStopping()) >= s.patience();
    }

    private TrainingEvent stop(int epoch) throws IOException {
        String file = "";
        if (job.folder() != null) {
            save(job.folder().stopCheckpoint(), state(epoch));
            file = relative(job.folder().stopCheckpoint());
        }
        return new Stopped(epoch, step, file);
    }

    private TrainingEvent nanFailure(int epoch, LearningRateSchedule schedule) {
        return new Failed(String.format(java.util.Locale.ROOT,
                "The loss became NaN or infinite at epoch %d, step %d (learning rate %.4g).", epoch, step,
                schedule.at(Math.max(step, 1))),
                "Lower the learning rate, or check that the input data is normalized.");
    }

    private void saveFinal() throws IOException {
        if (job.folder() != null) {
            WeightsFile.save(job.folder().dir(), block, job.folder().model(), null);
        }
    }

    private void save(Path file, TrainingState state) throws IOException {
        WeightsFile.save(job.folder().dir(), block, file, state);
    }

    private void publish(TrainingEvent event) {
        if (log != null) {
            try {
                log.append(event);
            } catch (IOException e) {
                // losing the log must not lose the run; the listener still sees every event
                log = null;
            }
        }
        listener.accept(event);
    }

    private String relative(Path file) {
        return job.folder().dir().relativize(file).toString();
    }

    private long elapsed() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static Shape batched(int n, int[] sample) {
        long[] dims = new long[sample.length + 1];
        dims[0] = n;
        for (int i = 0; i < sample.length; i++) {
            dims[i + 1] = sample[i];
        }
        return new Shape(dims);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private record Epoch(double loss, double metric) {
    }

    /** The best validation loss and metric so far, and their epochs. */
    private static final class Best {
        private final boolean higherIsBetter;
        int epoch;
        double metric = Double.NaN;
        int lossEpoch;
        double loss = Double.POSITIVE_INFINITY;

        Best(boolean higherIsBetter) {
            this.higherIsBetter = higherIsBetter;
        }

        /**
         * Returns the best of the epochs before {@code firstEpoch} as a run's events tell them: of an
         * epoch trained twice (a run killed after a checkpoint trains the epochs after it again), the
         * later time counts.
         */
        static Best before(int firstEpoch, List<TrainingEvent> events, boolean higherIsBetter) {
            TreeMap<Integer, EpochEnded> kept = new TreeMap<>();
            for (TrainingEvent e : events) {
                if (e instanceof Started started) {
                    kept.tailMap(started.firstEpoch(), true).clear();
                } else if (e instanceof EpochEnded ended) {
                    kept.put(ended.epoch(), ended);
                }
            }
            Best best = new Best(higherIsBetter);
            kept.headMap(firstEpoch, false).forEach((n, e) -> best.offer(n, new Epoch(e.validationLoss(),
                    e.validationMetric())));
            return best;
        }

        /** Records an epoch's validation result. */
        void offer(int e, Epoch val) {
            boolean metricBetter = Double.isNaN(metric) || (higherIsBetter ? val.metric > metric : val.metric < metric);
            if (metricBetter) {
                metric = val.metric;
                epoch = e;
            }
            if (val.loss < loss) {
                loss = val.loss;
                lossEpoch = e;
            }
        }

        int epochFor(String watched) {
            return watched.equals("val_loss") ? lossEpoch : epoch;
        }
    }
}
