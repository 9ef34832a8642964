package org.layercanvas;

import java.util.Locale;
import org.layercanvas.cli.LayerCanvasCommand;
import org.layercanvas.ui.LayerCanvasApp;

/**
 * The one entry point: no arguments (or a design file) opens the window, a subcommand runs the
 * command line. A plain class, not the JavaFX application, so it starts on the class path.
 */
public final class Main {
    private Main() {
    }

    /** Opens the window or runs a command, as the arguments say. */
    public static void main(String[] args) {
        if (args.length == 0 || (args.length == 1 && args[0].toLowerCase(Locale.ROOT).endsWith(".json"))) {
            LayerCanvasApp.launchWindow(args);
            return;
        }
        System.exit(LayerCanvasCommand.commandLine().execute(args));
    }
}
