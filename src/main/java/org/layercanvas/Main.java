package org.layercanvas;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.layercanvas.cli.LayerCanvasCommand;
import org.layercanvas.ui.LayerCanvasApp;

/**
 * The one entry point: no arguments (or a design file) opens the window, a subcommand runs the
 * command line. A plain class, not the JavaFX application, so it starts on the class path.
 */
public final class Main {
    /** The setting that keeps oneDNN off its AVX-512 convolutions (see {@link #main}). */
    static final String ONEDNN_ISA = "ONEDNN_MAX_CPU_ISA";

    private Main() {
    }

    /**
     * Opens the window or runs a command, as the arguments say.
     *
     * <p>oneDNN's AVX-512 convolution kernels return NaN on some CPUs (seen on this project's
     * machines after 30 to 130 calls), and oneDNN reads its limit from the environment only, which a
     * running JVM cannot change. So when the limit is not set, this starts a second JVM with the same
     * options and {@code ONEDNN_MAX_CPU_ISA=AVX2}, and exits with its exit code.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (System.getenv(ONEDNN_ISA) == null && !Boolean.getBoolean("layercanvas.relaunched")) {
            System.exit(relaunch(args));
        }
        if (args.length == 0 || (args.length == 1 && args[0].toLowerCase(Locale.ROOT).endsWith(".json"))) {
            LayerCanvasApp.launchWindow(args);
            return;
        }
        System.exit(LayerCanvasCommand.commandLine().execute(args));
    }

    private static int relaunch(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-Dlayercanvas.relaunched=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(ONEDNN_ISA, "AVX2");
        Process child = builder.start();
        // Ctrl+C reaches both processes; the child stops its run cleanly, this one just waits
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return child.waitFor();
    }
}
