package org.layercanvas;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.layercanvas.cli.LayerCanvasCommand;
import org.layercanvas.engine.NativeKernels;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.ui.app.LayerCanvasApp;

/**
 * The one entry point: no arguments (or a design file) opens the window, a subcommand runs the
 * command line. A plain class, not the JavaFX application, so it starts on the class path.
 */
public final class Main {
    /** The variable oneDNN takes its instruction set from; the kernel check picks it per machine. */
    static final String ISA = "ONEDNN_MAX_CPU_ISA";
    /**
     * The native settings that are the same on every machine: OpenMP threads that sleep rather than
     * spin when they wait, and glibc's malloc keeping blocks up to 32 MiB on one heap (one arena) that
     * keeps up to 1 GiB of free memory for the next batch instead of giving it back and faulting it in
     * again (see {@link #main} and docs/native-kernels.md).
     */
    public static final Map<String, String> FIXED_ENVIRONMENT = Map.of("OMP_WAIT_POLICY", "PASSIVE",
            "GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.arena_max=1");

    /** The commands that compute with the native library: train, export (which checks), predict and import. */
    private static final Set<String> COMPUTES = Set.of("train", "export", "predict", "import");

    private Main() {
    }

    /**
     * Opens the window or runs a command, as the arguments say.
     *
     * <p>Three native settings come from the environment only, read once when the process starts or
     * libtorch loads, which a running JVM cannot change. oneDNN's instruction set ({@value #ISA}): its wider kernels are
     * faster, but some are wrong on some CPUs (on this project's AMD EPYC machines, convolutions and
     * LSTMs under AVX, AVX2 and AVX-512 for some shapes; docs/native-kernels.md), so the kernel check
     * picks the widest setting whose kernels give the known answers on this machine, once, and
     * keeps it in {@code ~/.layercanvas/native-kernels.properties} (or where
     * {@code layercanvas.home} says); a value you set yourself is taken as it is. And libtorch's
     * OpenMP threads spin while they wait, which starves anything else on the machine's cores and
     * is starved in turn: with the window drawing charts on 2 cores, training ran at 121 samples/s
     * spinning and 19,600 passive. glibc's malloc hands out blocks over 128 KiB (a conv net's
     * activations and oneDNN's reordered copies) as fresh mappings and gives freed heap back at
     * once, until its own thresholds have crept up: every step then faults its memory in anew,
     * which made the residual CNN's first epoch two to three times slower than its second (1.3-1.9
     * million page faults in two epochs; 0.27 million with the fixed thresholds). glibc reads
     * {@code GLIBC_TUNABLES} at start-up only. So when any of these is not set, this starts a
     * second JVM with the same options and the settings, and exits with its exit code.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean missing = System.getenv(ISA) == null
                || FIXED_ENVIRONMENT.keySet().stream().anyMatch(k -> System.getenv(k) == null);
        if (missing && !Boolean.getBoolean("layercanvas.relaunched")) {
            System.exit(relaunch(args));
        }
        endWithLauncher(Long.getLong("layercanvas.launcher", 0));
        if (opensWindow(args)) {
            LayerCanvasApp.launchWindow(args);
            return;
        }
        if (COMPUTES.contains(args[0])) {
            // the native library takes a second to load: it loads while the command line is read
            // and the design and its data after it, on the other core
            TrainingService.loadLibraryAhead();
        }
        System.exit(LayerCanvasCommand.commandLine().execute(args));
    }

    /**
     * Ends this JVM as Ctrl+C would (a run stops after its batch and saves where it was) once the
     * launcher that started it is gone. A kill -9 of the launcher runs none of its hooks, and the
     * second JVM went on training unseen, writing the run folder beside a resume of the same run.
     */
    private static void endWithLauncher(long pid) {
        if (pid <= 0) {
            return;
        }
        ProcessHandle.of(pid).map(ProcessHandle::onExit).ifPresentOrElse(exit -> exit.thenRun(() -> System.exit(143)),
                () -> System.exit(143));
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

    /** Returns the settings to add to this process's environment for the second JVM. */
    static Map<String, String> nativeEnvironment(Map<String, String> current, NativeKernels kernels)
            throws IOException, InterruptedException {
        Map<String, String> add = new HashMap<>();
        FIXED_ENVIRONMENT.forEach((k, v) -> {
            if (!current.containsKey(k)) {
                add.put(k, v);
            }
        });
        if (!current.containsKey(ISA)) {
            add.put(ISA, kernels.isa(System.err));
        }
        return add;
    }

    private static int relaunch(String[] args) throws IOException, InterruptedException {
        List<String> java = javaCommand(ManagementFactory.getRuntimeMXBean().getInputArguments());
        Path home = Path.of(System.getProperty("layercanvas.home",
                Path.of(System.getProperty("user.home"), ".layercanvas").toString()));
        // the kernel check's JVMs get no debugger or agent options: a second one could not bind them
        List<String> plain = javaCommand(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")
                        && !a.equals("-Xdebug"))
                .toList());
        Map<String, String> add = nativeEnvironment(System.getenv(), NativeKernels.forThisMachine(home, plain));
        List<String> command = new ArrayList<>(java);
        command.add("-Dlayercanvas.relaunched=true");
        command.add("-Dlayercanvas.launcher=" + ProcessHandle.current().pid());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(add);
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

    /** Returns the command that starts this JVM's {@code java} with {@code options} and its class path. */
    private static List<String> javaCommand(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        return command;
    }
}
