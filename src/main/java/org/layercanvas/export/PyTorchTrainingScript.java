package org.layercanvas.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Output;

/**
 * Writes {@code train.py}: a script that trains the exported module on {@code data.pt} with the run's
 * optimizer, learning rate and schedule, batch size, epochs, weight decay, seed, early stopping and
 * loss, as one process or as several under DistributedDataParallel. The script is a template kept
 * beside this class; only the settings are filled in.
 */
final class PyTorchTrainingScript {
    private PyTorchTrainingScript() {
    }

    /**
     * Returns the text of train.py.
     *
     * @param className the module's class in model.py
     * @param loss the Output layer's loss
     */
    static String of(String design, String className, TrainingSettings s, String loss) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@DESIGN@", PyTorchModelSource.docText(design));
        values.put("@CLASS@", className);
        values.put("@OPTIMIZER@", PyTorchModelSource.string(s.optimizer()));
        values.put("@LEARNING_RATE@", PyTorchModelSource.number(s.learningRate()));
        values.put("@MOMENTUM@", PyTorchModelSource.number(s.momentum()));
        values.put("@SCHEDULE@", PyTorchModelSource.string(s.schedule()));
        values.put("@STEP_EPOCHS@", String.valueOf(s.stepEpochs()));
        values.put("@STEP_GAMMA@", PyTorchModelSource.number(s.stepGamma()));
        values.put("@WARMUP_EPOCHS@", String.valueOf(s.warmupEpochs()));
        values.put("@BATCH_SIZE@", String.valueOf(s.batchSize()));
        values.put("@EPOCHS@", String.valueOf(s.epochs()));
        values.put("@WEIGHT_DECAY@", PyTorchModelSource.number(s.weightDecay()));
        values.put("@SEED@", String.valueOf(s.seed()));
        values.put("@EARLY_STOPPING@", PyTorchModelSource.string(s.earlyStopping()));
        values.put("@PATIENCE@", String.valueOf(s.patience()));
        values.put("@LOSS@", PyTorchModelSource.string(loss));
        String metric = switch (loss) {
            case Output.MSE -> "mae";
            case Output.MSE_PER_POSITION -> "mse";
            default -> "accuracy";
        };
        values.put("@METRIC@", PyTorchModelSource.string(metric));
        String text = template();
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }

    private static String template() {
        try (InputStream in = PyTorchTrainingScript.class.getResourceAsStream("train.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("train.py template missing from the build", e);
        }
    }
}
