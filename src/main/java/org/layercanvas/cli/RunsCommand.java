package org.layercanvas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists training runs with their design, date, epochs, best validation metric and status. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List training runs: design, date, epochs, best validation metric, status.")
public final class RunsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "runs", description = "The runs folder (default: runs).")
    private Path root;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<RunFolder> runs = RunFolder.list(root);
        if (runs.isEmpty()) {
            out.println("No runs in " + root + ". Start one with: train DESIGN");
            out.flush();
            return 0;
        }
        String format = "%-40s %-18s %-16s %8s %14s  %s%n";
        out.printf(Locale.ROOT, format, "RUN", "DESIGN", "STARTED", "EPOCHS", "BEST", "STATUS");
        for (RunFolder run : runs) {
            RunSummary s = run.summary();
            String name = run.dir().getFileName().toString();
            out.printf(Locale.ROOT, format, name, s.design(), started(name), s.epochsDone() + "/" + s.epochs(),
                    s.bestText(), s.status());
        }
        out.flush();
        return 0;
    }

    private static String started(String folderName) {
        // folders are named yyyyMMdd-HHmmss-design
        if (folderName.length() < 15) {
            return "?";
        }
        String d = folderName;
        return d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6, 8) + " " + d.substring(9, 11) + ":"
                + d.substring(11, 13);
    }
}
