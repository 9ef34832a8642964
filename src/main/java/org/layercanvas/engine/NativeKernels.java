package org.layercanvas.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Chooses {@code ONEDNN_MAX_CPU_ISA} for this machine without loading the native library: the
 * cached choice when there is one for this CPU and these libraries, else the kernel check run in a
 * child JVM per setting, widest first, and the choice cached.
 *
 * <p>oneDNN reads the setting once, when libtorch loads, so every setting needs a process of its
 * own; a warm start only reads two small files.
 */
public final class NativeKernels {
    /** The longest one child check may take, engine unpacking included. */
    static final long CHILD_TIMEOUT_SECONDS = 180;
    /** Ends the child's output once every verdict is printed, so a crash midway shows. */
    static final String END = KernelCheck.PREFIX + "END";

    private final KernelCache cache;
    private final KernelCache.Key key;
    private final List<String> candidates;
    private final IsaChoice.Probe probe;

    /**
     * Creates the chooser that keeps its choice in {@code cache} under {@code key}, trying
     * {@code candidates} widest first with {@code probe}.
     */
    public NativeKernels(KernelCache cache, KernelCache.Key key, List<String> candidates, IsaChoice.Probe probe) {
        this.cache = cache;
        this.key = key;
        this.candidates = List.copyOf(candidates);
        this.probe = probe;
    }

    /**
     * Returns the chooser for this machine: the choice kept in {@code home}, the kernel check run
     * by {@code java} (the JVM command up to and including its class path).
     */
    public static NativeKernels forThisMachine(Path home, List<String> java) {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        return new NativeKernels(new KernelCache(home), KernelCache.current(cpuinfo),
                IsaChoice.candidates(KernelCache.flags(cpuinfo)), childProbe(java));
    }

    /**
     * Returns the setting to start the native library with: the cached one, or the widest that
     * passes the kernel check now, which is then cached. Says on {@code log} when it checks and when
     * nothing passed.
     */
    public String isa(PrintStream log) throws IOException, InterruptedException {
        Optional<String> known = cache.read(key);
        if (known.isPresent()) {
            return known.get();
        }
        log.println("LayerCanvas: checking this machine's native kernels once (a few seconds per setting)...");
        IsaChoice choice = IsaChoice.choose(candidates, probe);
        cache.write(key, choice);
        if (!choice.passed()) {
            log.println("LayerCanvas: no oneDNN setting passed the kernel check; using " + choice.isa()
                    + ". Details in " + cache.file());
        } else if (!choice.isa().equals(candidates.get(0))) {
            log.println("LayerCanvas: oneDNN limited to " + choice.isa() + "; wider kernels failed the check ("
                    + cache.file() + ")");
        }
        return choice.isa();
    }

    /** Returns the probe that runs {@link KernelCheck} in a child JVM started with {@code java}. */
    static IsaChoice.Probe childProbe(List<String> java) {
        return isa -> {
            List<String> command = new ArrayList<>(java);
            command.add(KernelCheck.class.getName());
            Path out = Files.createTempFile("layercanvas-kernel-check", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(out.toFile());
                builder.environment().put("ONEDNN_MAX_CPU_ISA", isa);
                builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
                builder.environment().remove("ONEDNN_VERBOSE");
                Process child = builder.start();
                if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                    return new IsaChoice.Verdict(isa, false, "no answer in " + CHILD_TIMEOUT_SECONDS + " s");
                }
                return verdict(isa, child.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        };
    }

    /** Reads a child check's verdict from its exit code and output lines. */
    static IsaChoice.Verdict verdict(String isa, int exitCode, List<String> lines) {
        List<String> verdicts = lines.stream().filter(l -> l.startsWith(KernelCheck.PREFIX) && !l.equals(END)).toList();
        if (exitCode != 0 || !lines.contains(END) || verdicts.isEmpty()) {
            String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
            return new IsaChoice.Verdict(isa, false, "the check stopped (exit " + exitCode + "): " + last);
        }
        List<String> failed = verdicts.stream().filter(l -> !l.endsWith(" PASS"))
                .map(l -> l.substring(KernelCheck.PREFIX.length())).toList();
        return new IsaChoice.Verdict(isa, failed.isEmpty(), String.join("; ", failed));
    }
}
