package org.layercanvas;

import org.layercanvas.cli.LayerCanvasCommand;

/** The one entry point: a subcommand runs the command line. */
public final class Main {
    private Main() {
    }

    /** Runs the command line with these arguments and exits with its code. */
    public static void main(String[] args) {
        System.exit(LayerCanvasCommand.commandLine().execute(args));
    }
}
