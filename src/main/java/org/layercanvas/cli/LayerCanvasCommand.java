package org.layercanvas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: lists the subcommands. */
@Command(name = "layercanvas",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Design neural networks, check them, train them and export them.",
        subcommands = {ValidateCommand.class, SummaryCommand.class, LayersCommand.class, TrainCommand.class,
            RunsCommand.class, ExportCommand.class, PredictCommand.class, ImportCommand.class})
public final class LayerCanvasCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Returns a command line for the whole CLI with LayerCanvas' exit codes and output streams. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LayerCanvasCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        TrainCommand.listSettingsInHelp(cli.getSubcommands().get("train"));
        return cli;
    }
}
