package org.layercanvas.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.layercanvas.engine.TrainingEvent;

/**
 * A run's metrics as CSV for a spreadsheet or a plotting script: one row per epoch (losses, metric,
 * the learning rate of its last batch, seconds since the start), or one row per batch.
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    /** Returns one row per epoch, with a header naming the run's metric ({@code accuracy} or {@code mae}). */
    public static String epochs(List<TrainingEvent> events) {
        String metric = events.stream().filter(e -> e instanceof TrainingEvent.Started)
                .map(e -> ((TrainingEvent.Started) e).metric()).findFirst().orElse("metric");
        StringBuilder csv = new StringBuilder("epoch,train_loss,train_" + metric + ",validation_loss,validation_"
                + metric + ",learning_rate,seconds\n");
        double rate = Double.NaN;
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.BatchEnded b) {
                rate = b.learningRate();
            } else if (e instanceof TrainingEvent.EpochEnded ep) {
                csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%.3f%n", ep.epoch(), number(ep.trainLoss()),
                        number(ep.trainMetric()), number(ep.validationLoss()), number(ep.validationMetric()),
                        number(rate), ep.elapsedMillis() / 1000.0));
            }
        }
        return csv.toString();
    }

    /** Returns one row per batch: step, epoch, batch, loss, learning rate, samples per second. */
    public static String batches(List<TrainingEvent> events) {
        StringBuilder csv = new StringBuilder("step,epoch,batch,loss,learning_rate,samples_per_second\n");
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.BatchEnded b) {
                csv.append(String.format(Locale.ROOT, "%d,%d,%d,%s,%s,%.1f%n", b.step(), b.epoch(), b.batch(),
                        number(b.loss()), number(b.learningRate()), b.samplesPerSecond()));
            }
        }
        return csv.toString();
    }

    /** Writes {@code csv} to {@code file} whole or not at all. */
    public static void write(String csv, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, csv, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
