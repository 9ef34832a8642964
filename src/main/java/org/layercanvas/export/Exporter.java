package org.layercanvas.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.layercanvas.graph.Flattener;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerSpec;

/**
 * One export format. Every exporter first runs the shared {@link Compatibility} check, writes into
 * an {@link ExportTarget} staging path, verifies what it wrote by running it, and only then moves it
 * into place; what it may replace there is {@link ExportTarget}'s one rule for every format.
 * Exporters write the layers a design stands for ({@link #expanded}), so a design with blocks
 * exports as the network it computes, each layer inside a block named by its path
 * ({@link ExportNames}).
 */
public interface Exporter {

    /** Returns the format's name as the command line spells it, e.g. {@code onnx}. */
    String format();

    /** Returns whether the export is a folder of files rather than one file. */
    default boolean writesFolder() {
        return true;
    }

    /** Returns the layer kinds this format expresses. */
    Set<Class<? extends LayerSpec>> supported();

    /**
     * Exports a trained run to {@code out} and verifies it, replacing nothing that is there.
     *
     * @throws ExportTargetException when something is at {@code out} (see {@link ExportTarget#inspect})
     * @throws ExportException when the design cannot be expressed (each node named) or the written
     *     model does not give the trained model's outputs; nothing is left at {@code out}
     * @throws IOException when writing fails
     */
    default ExportReport export(TrainedRun run, Path out) throws IOException {
        return export(run, out, false);
    }

    /**
     * Exports a trained run to {@code out} and verifies it, as {@link #export(TrainedRun, Path)} does.
     *
     * @param replace whether to replace an earlier export of ours at {@code out}; nothing else is ever
     *     replaced (see {@link ExportTarget#inspect})
     */
    ExportReport export(TrainedRun run, Path out, boolean replace) throws IOException;

    /** Returns the problems that keep {@code run} from being exported in this format; empty when none. */
    default List<String> problems(TrainedRun run) {
        return Compatibility.problems(run.design().graph(), format(), supported());
    }

    /** Returns every export format. */
    static List<Exporter> all() {
        return List.of(new DjlExporter(), new OnnxExporter(), new PyTorchExporter());
    }

    /**
     * Returns the exporter of a format.
     *
     * @throws IllegalArgumentException when there is no such format
     */
    static Exporter of(String format) {
        return all().stream().filter(e -> e.format().equals(format.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no export format '" + format + "'; choose one of "
                        + all().stream().map(Exporter::format).toList()));
    }

    /**
     * Returns the layers a design stands for, as every export writes them: its blocks expanded into
     * their layers ({@link Flattener}), or the design itself when it has none. Expanded ids and
     * names are paths ({@code n7/n2}, {@code stage2/conv}), and the expanded layers run in the order,
     * and hold their weights in the places, that the compiled design's do. The design a run saved
     * keeps its blocks; only what is written from it is expanded.
     */
    static Graph expanded(Graph design) {
        return design.hasBlocks() ? Flattener.flatten(design).graph() : design;
    }

    /** Returns the largest absolute difference between two output arrays (infinite when sizes differ). */
    /**
     * Returns the largest difference allowed from outputs as large as {@code expected}'s: {@code tolerance}
     * while they are at most 1 in size, and that share of the largest beyond (float32 rounding grows with
     * the values, and over the depth of, what a model computes: ResNet-18's logits differ by 1.5e-4
     * between DJL and PyTorch on the same weights).
     */
    static double tolerance(double tolerance, float[] expected) {
        double scale = 1;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        return tolerance * scale;
    }

    static double maxDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return Double.isNaN(max) ? Double.POSITIVE_INFINITY : max;
    }
}
