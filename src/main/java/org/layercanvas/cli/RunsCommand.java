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
import org.layercanvas.engine.RunHealth;
import org.layercanvas.engine.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists training runs with their design, date, epochs, best validation metric and status. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List training runs: design, date, epochs, best validation metric, status. A run with"
                + " something wrong in its folder (a log, design snapshot, weights or run.json that cannot be"
                + " read, or another program training it) is marked with the reasons; nothing is written.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no run is damaged", "1:a run is damaged, or the folder cannot be read", "2:bad usage"})
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
        int damaged = 0;
        for (RunFolder run : runs) {
            String name = run.dir().getFileName().toString();
            // one damaged run is marked with its reasons, and the others are still listed
            RunHealth health = RunHealth.of(run);
            RunSummary s = health.summary();
            String status = health.status() + (health.marked() ? ": " + health.reasons() : "");
            if (health.damaged()) {
                damaged++;
            }
            out.printf(Locale.ROOT, format, name, health.design(), started(name),
                    s == null ? "-" : s.epochsDone() + "/" + s.epochs(), s == null ? "-" : s.bestText(), status);
        }
        out.flush();
        return damaged == 0 ? 0 : 1;
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
