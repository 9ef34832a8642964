package org.layercanvas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunFolderException;
import org.layercanvas.engine.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists training runs with their design, date, epochs, best validation metric and status. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List training runs: design, date, epochs, best validation metric, status. A run whose"
                + " files cannot be read is listed as unreadable, with the reason.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run was read", "1:a run, or the folder, cannot be read", "2:bad usage"})
public final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "runs", description = "The runs folder (default: runs).")
    private Path root;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RunFolder> runs;
        try {
            runs = RunFolder.list(root);
        } catch (RunFolderException e) {
            spec.commandLine().getErr().println("runs: " + e.fullMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("runs: cannot list " + root + ": " + e.getMessage());
            return 1;
        }
        if (runs.isEmpty()) {
            out.println("No runs in " + root + ". Start one with: train DESIGN");
            out.flush();
            return 0;
        }
        String format = "%-40s %-18s %-16s %8s %14s  %s%n";
        out.printf(Locale.ROOT, format, "RUN", "DESIGN", "STARTED", "EPOCHS", "BEST", "STATUS");
        int unreadable = 0;
        for (RunFolder run : runs) {
            String name = run.dir().getFileName().toString();
            try {
                RunSummary s = run.summary();
                out.printf(Locale.ROOT, format, name, s.design(), started(name), s.epochsDone() + "/" + s.epochs(),
                        s.bestText(), s.status());
            } catch (IOException | RuntimeException e) {
                // one damaged run is marked, and the others are still listed
                unreadable++;
                out.printf(Locale.ROOT, format, name, "?", started(name), "-", "-", "unreadable: " + e.getMessage());
            }
        }
        out.flush();
        return unreadable == 0 ? 0 : 1;
    }

    /** Returns when a run started, as its folder's name says ({@code yyyyMMdd-HHmmss-design}), or "?". */
    private static String started(String folderName) {
        try {
            return folderName.length() < 15 ? "?"
                    : LocalDateTime.parse(folderName.substring(0, 15), STAMP).format(SHOWN);
        } catch (DateTimeParseException e) {
            return "?";
        }
    }
}
