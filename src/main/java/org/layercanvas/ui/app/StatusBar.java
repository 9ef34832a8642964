package org.layercanvas.ui.app;

import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.ui.common.Counts;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.common.StatusModel;

/**
 * The status bar: the latest message, which gives way to "Ready" after a few seconds, and the
 * design's totals (layers, parameters with the trainable ones apart, multiply-adds, activation memory per sample).
 */
final class StatusBar extends HBox {
    private static final Duration MESSAGE_LASTS = Duration.seconds(8);

    private final Label message = new Label("Ready");
    private final Label totals = new Label();
    private final DesignEditor editor;
    private final Tooltip notTrained = new Tooltip("Trainable parameters are learned by gradient (what PyTorch's"
            + " parameters() counts). Running statistics, a batch norm's mean and variance of each channel, are saved"
            + " with the model but follow the data's averages while training: no gradient changes them.");

    StatusBar(StatusModel status, DesignEditor editor) {
        super(12);
        this.editor = editor;
        getStyleClass().add("status-bar");
        message.setId("status");
        message.setMinWidth(0);
        Tooltip full = new Tooltip();
        full.textProperty().bind(message.textProperty());
        full.setWrapText(true);
        full.setMaxWidth(600);
        message.setTooltip(full);
        totals.setId("totals");
        totals.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(message, totals);
        PauseTransition expire = new PauseTransition(MESSAGE_LASTS);
        expire.setOnFinished(e -> message.setText("Ready"));
        status.saidProperty().addListener((o, a, b) -> {
            message.setText(status.messageProperty().get());
            expire.playFromStart();
        });
        editor.onChange(c -> {
            if (c.graphChanged()) {
                showTotals();
            }
        });
        showTotals();
    }

    private void showTotals() {
        Analysis a = editor.analysis();
        long blocks = editor.graph().hasBlocks()
                ? editor.graph().nodes().stream().filter(n -> n.spec() instanceof Block).count() : 0;
        String layers = a.layerCount() + " layers" + (blocks == 0 ? "" : blocks == 1 ? " (1 block)" : " (" + blocks
                + " blocks)");
        totals.setText(String.format(Locale.ROOT, "%s · %s · %s FLOPs · %s activations per sample", layers,
                Counts.parameters(a.totalParams(), a.totalNonTrainableParams(), Counts::compact),
                Counts.compact(a.totalFlops()), Counts.bytes(a.totalMemoryBytes())));
        totals.setTooltip(a.totalNonTrainableParams() == 0 ? null : notTrained);
    }
}
