package org.layercanvas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layercanvas.engine.RunFolderException;
import org.layercanvas.export.ExportReport;
import org.layercanvas.export.ExportTargetException;
import org.layercanvas.export.Exporter;
import org.layercanvas.export.TrainedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Exports a trained run to files and verifies them by loading them back. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Export a trained run's model to files, verified by loading them back.")
public final class ExportCommand implements Callable<Integer> {
    /** The formats this command writes: every exporter's, so a new format needs no change here. */
    static final class ExportFormats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Exporter.all().stream().map(Exporter::format).iterator();
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, completionCandidates = ExportFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES}.")
    private String format;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder (see the runs command).")
    private Path run;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file (onnx) or folder (djl, pytorch) to write.")
    private Path out;

    @Option(names = "--force", description = "Replace an earlier export at OUT. Only an export of LayerCanvas is"
            + " ever replaced, never another file or folder, and nothing inside a run folder.")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            Exporter exporter;
            try {
                exporter = Exporter.of(format);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("export: " + e.getMessage());
                return 2;
            }
            TrainedRun trained = TrainedRun.open(run);
            ExportReport report = exporter.export(trained, out, force);
            stdout.println("Exported " + run.getFileName() + " as " + report.format() + " to " + out + ":");
            report.files().forEach(f -> stdout.println("  " + f));
            if (Double.isNaN(report.maxDifference())) {
                stdout.println(report.verifiedBy());
            } else {
                stdout.printf(Locale.ROOT, "Verified with %s: largest difference from the trained model %.3g%n",
                        report.verifiedBy(), report.maxDifference());
            }
            stdout.flush();
            return 0;
        } catch (ExportTargetException e) {
            spec.commandLine().getErr().println(e.status().replacesEarlierExport()
                    ? "export: " + e.status().destination() + " holds an earlier export; pass --force to replace it,"
                            + " or choose another path. Nothing was written."
                    : "export: " + e.getMessage());
            return 1;
        } catch (RunFolderException e) {
            spec.commandLine().getErr().println("export failed: " + e.fullMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("export failed: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        }
    }
}
