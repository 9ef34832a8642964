package org.layercanvas;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.layercanvas.cli.LayerCanvasCommand;
import org.layercanvas.ui.app.LayerCanvasApp;

/**
 * The one entry point: no arguments (or a design file) opens the window, a subcommand runs the
 * command line. A plain class, not the JavaFX application, so it starts on the class path.
 */
public final class Main {
    /**
     * The native libraries' settings that only the environment can give (see {@link #main}):
     * oneDNN kept off its AVX-512 convolutions, and OpenMP threads that sleep rather than spin when
     * they wait.
     */
    static final Map<String, String> NATIVE_ENVIRONMENT = Map.of("ONEDNN_MAX_CPU_ISA", "SSE41",
            "OMP_WAIT_POLICY", "PASSIVE");

    private Main() {
    }

    /**
     * Opens the window or runs a command, as the arguments say.
     *
     * <p>oneDNN's AVX-512 convolution kernels return NaN on some CPUs (seen on this project's
     * machines after 30 to 130 calls), and so do its AVX and AVX2 kernels for some shapes (a Conv1d
     * with 8 filters over 28 channels of 28 steps: NaN and different values on every call); its
     * SSE4.1 kernels are right and no slower here. libtorch's OpenMP threads spin while they wait, which starves
     * anything else on the machine's cores and is starved in turn: with the window drawing charts on
     * 2 cores, training ran at 121 samples/s spinning and 19,600 passive. Both libraries read these
     * settings from the environment only, which a running JVM cannot change. So when one is not set,
     * this starts a second JVM with the same options and the missing settings, and exits with its
     * exit code.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean missing = NATIVE_ENVIRONMENT.keySet().stream().anyMatch(k -> System.getenv(k) == null);
        if (missing && !Boolean.getBoolean("layercanvas.relaunched")) {
            System.exit(relaunch(args));
        }
        if (opensWindow(args)) {
            LayerCanvasApp.launchWindow(args);
            return;
        }
        System.exit(LayerCanvasCommand.commandLine().execute(args));
    }

    /** Returns whether the arguments ask for the window: none, or a design file and window options ({@code --tab=…}). */
    static boolean opensWindow(String[] args) {
        for (int i = 0; i < args.length; i++) {
            boolean design = i == 0 && args[i].toLowerCase(Locale.ROOT).endsWith(".json");
            if (!design && !args[i].startsWith("--tab=")) {
                return false;
            }
        }
        return true;
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
        NATIVE_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
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
