package org.layercanvas.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.graph.Design;

/**
 * What an export starts from: a run folder's design snapshot, its weights and what it trained on.
 *
 * @param folder the run folder
 * @param design the design as trained
 * @param weights the final weights, or the newest checkpoint of a run that did not finish
 * @param data the run's {@code data.json}: class names, normalization, sample shape
 */
public record TrainedRun(RunFolder folder, Design design, Path weights, Map<String, Object> data) {

    /**
     * Opens a run folder for export.
     *
     * @throws org.layercanvas.engine.RunFolderException when its design snapshot was changed after
     *     training, so the weights belong to another network
     * @throws IOException when it is not a run folder or has no weights yet
     */
    public static TrainedRun open(Path dir) throws IOException {
        RunFolder folder = RunFolder.open(dir);
        Design design = folder.design();
        Path weights = folder.model();
        if (!Files.isRegularFile(weights)) {
            var epoch = folder.lastCheckpointEpoch();
            if (epoch.isEmpty()) {
                throw new IOException(dir + " has no weights yet: the run saved neither "
                        + RunFolder.MODEL + " nor a checkpoint");
            }
            weights = folder.checkpoint(epoch.get());
        }
        return new TrainedRun(folder, design, weights, folder.data());
    }
}
