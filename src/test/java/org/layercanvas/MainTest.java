package org.layercanvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.IsaChoice;
import org.layercanvas.engine.KernelCache;
import org.layercanvas.engine.NativeKernels;

/** The relaunch adds only the settings the environment lacks, and takes a user's ISA as it is. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MainTest {
    private final List<String> checked = new ArrayList<>();

    private NativeKernels kernels(Path home) {
        return new NativeKernels(new KernelCache(home), new KernelCache.Key("libs", "cpu", 1), List.of("DEFAULT", "SSE41"),
                isa -> {
                    checked.add(isa);
                    return new IsaChoice.Verdict(isa, true, "");
                });
    }

    @Test
    void theBuildRunsTestsAndTheAppUnderTheSameNativeSettingsAsTheRelaunch() throws Exception {
        // the pom sets them for Surefire and exec: a copy there that drifts tests other settings than users get
        String pom = java.nio.file.Files.readString(Path.of("pom.xml"));
        Main.FIXED_ENVIRONMENT.forEach((key, value) -> {
            String entry = "<" + key + ">" + value + "</" + key + ">";
            assertThat(pom.split(java.util.regex.Pattern.quote(entry), -1)).as(entry).hasSize(3);
            assertThat(pom.split("<" + key + ">", -1)).as("every %s in the pom", key).hasSize(3);
        });
    }

    @Test
    void anEmptyEnvironmentGetsTheCheckedIsaPassiveThreadsAndMallocThresholds(@TempDir Path home) throws Exception {
        assertThat(Main.nativeEnvironment(Map.of(), kernels(home))).containsOnlyKeys("ONEDNN_MAX_CPU_ISA",
                "OMP_WAIT_POLICY", "GLIBC_TUNABLES").containsEntry("ONEDNN_MAX_CPU_ISA", "DEFAULT")
                .containsEntry("OMP_WAIT_POLICY", "PASSIVE");
        assertThat(checked).containsExactly("DEFAULT");
    }

    @Test
    void anIsaTheUserSetIsKeptAndNothingIsChecked(@TempDir Path home) throws Exception {
        assertThat(Main.nativeEnvironment(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"), kernels(home)))
                .containsOnlyKeys("OMP_WAIT_POLICY", "GLIBC_TUNABLES");
        assertThat(Main.nativeEnvironment(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "OMP_WAIT_POLICY", "ACTIVE",
                "GLIBC_TUNABLES", "glibc.malloc.arena_max=2"), kernels(home))).isEmpty();
        assertThat(checked).isEmpty();
    }
}
