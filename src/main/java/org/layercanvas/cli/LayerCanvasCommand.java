package org.layercanvas.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
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

    /** Returns a command line for the whole CLI with LayerCanvas' exit codes, printing to the terminal. */
    public static CommandLine commandLine() {
        return commandLine(new OutputStreamWriter(System.out, Charset.defaultCharset()),
                new OutputStreamWriter(System.err, Charset.defaultCharset()));
    }

    /**
     * Returns a command line for the whole CLI printing to {@code out} and {@code err}, with every
     * control character in what it prints escaped (see {@link TerminalOut}), so no name in a design,
     * run or file can drive the terminal. Help is printed without colours for the same reason.
     */
    public static CommandLine commandLine(Writer out, Writer err) {
        CommandLine cli = new CommandLine(new LayerCanvasCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        TrainCommand.listSettingsInHelp(cli.getSubcommands().get("train"));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setOut(new TerminalOut(out));
        cli.setErr(new TerminalOut(err));
        return cli;
    }
}
