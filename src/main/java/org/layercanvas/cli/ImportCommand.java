package org.layercanvas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layercanvas.engine.RunLauncher;
import org.layercanvas.onnx.ImportReport;
import org.layercanvas.onnx.ImportedModel;
import org.layercanvas.onnx.OnnxImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Imports an ONNX model as a design, with its weights as a run folder. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Import an ONNX model as a design, laid out, its layers named after the ONNX nodes.",
            "A run folder holds its weights (status imported), checked against ONNX Runtime,"
                + " so that export works on it at once. Nothing is written when any node cannot be mapped."})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The ONNX file.")
    private Path model;

    @Parameters(index = "1", paramLabel = "DESIGN", description = "The design file to write (.json).")
    private Path design;

    @Option(names = "--runs", description = "Where the run folder goes (default: runs/ in the design's folder, or"
            + " ~/.layercanvas/runs when that folder cannot be written).")
    private Path runs;

    @Option(names = "--force", description = "Replace DESIGN if it exists.")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ImportedModel imported = OnnxImport.read(model);
            Path root = runs != null ? runs
                    : RunLauncher.nextToDesign(Path.of(System.getProperty("user.home"), ".layercanvas", "runs"))
                            .apply(design);
            ImportReport report = OnnxImport.write(imported, design, root, force);
            out.println("Imported " + model + " as " + report.design() + " (" + report.layers() + " layers)");
            out.printf(Locale.ROOT, "Weights in the run %s, checked with ONNX Runtime: largest difference %.3g%n",
                    report.run(), report.maxDifference());
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("import: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
