package org.layercanvas.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The widest oneDNN instruction set whose kernels passed the kernel check, with the verdict on
 * every setting tried on the way down.
 *
 * @param isa the value for {@code ONEDNN_MAX_CPU_ISA}
 * @param tried the verdicts in the order the settings were checked, widest first
 */
public record IsaChoice(String isa, List<Verdict> tried) {
    /** oneDNN's own name for no cap: its widest kernels for this CPU. */
    public static final String WIDEST = "DEFAULT";
    /** The narrowest setting oneDNN has on x86-64, taken when nothing passes. */
    public static final String FLOOR = "SSE41";

    /** The named settings between the two, widest first, each with the CPU flags it needs. */
    private static final List<Level> NAMED = List.of(
            new Level("AVX512_CORE", Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq")),
            new Level("AVX2", Set.of("avx2", "fma")),
            new Level("AVX", Set.of("avx")));

    private record Level(String name, Set<String> flags) {
    }

    /** The kernel check's verdict on one setting; {@code detail} says what failed. */
    public record Verdict(String isa, boolean passed, String detail) {
    }

    /** Runs the kernel check under one setting, in a process of its own. */
    @FunctionalInterface
    public interface Probe {
        Verdict check(String isa) throws IOException, InterruptedException;
    }

    public IsaChoice {
        tried = List.copyOf(tried);
    }

    /** Returns whether the chosen setting passed the check (not so when even the floor failed). */
    public boolean passed() {
        return tried.stream().anyMatch(v -> v.isa().equals(isa) && v.passed());
    }

    /**
     * Returns the settings worth checking on a CPU with these flags ({@code /proc/cpuinfo}'s
     * names), widest first: no cap, each named level the CPU has, and the floor.
     */
    public static List<String> candidates(Set<String> cpuFlags) {
        List<String> all = new ArrayList<>();
        all.add(WIDEST);
        for (Level level : NAMED) {
            if (cpuFlags.containsAll(level.flags())) {
                all.add(level.name());
            }
        }
        all.add(FLOOR);
        return all;
    }

    /**
     * Checks the candidates widest first and returns the first that passes; the floor when none
     * does.
     */
    public static IsaChoice choose(List<String> candidates, Probe probe) throws IOException, InterruptedException {
        List<Verdict> tried = new ArrayList<>();
        for (String isa : candidates) {
            Verdict v = probe.check(isa);
            tried.add(v);
            if (v.passed()) {
                return new IsaChoice(isa, tried);
            }
        }
        return new IsaChoice(FLOOR, tried);
    }
}
