package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The check runs once per key, reads its children's verdicts, and a real child runs the check. */
@Timeout(value = 200, unit = TimeUnit.SECONDS)
class NativeKernelsTest {
    private static final KernelCache.Key KEY = new KernelCache.Key("libs", "cpu", KernelCheck.REVISION);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @Test
    void aColdStartChecksAndCachesAWarmOneOnlyReads(@TempDir Path home) throws Exception {
        List<String> asked = new ArrayList<>();
        IsaChoice.Probe probe = isa -> {
            asked.add(isa);
            return new IsaChoice.Verdict(isa, !isa.equals("DEFAULT"), isa.equals("DEFAULT") ? "lstm FAIL" : "");
        };
        NativeKernels kernels = new NativeKernels(new KernelCache(home), KEY, List.of("DEFAULT", "AVX2", "SSE41"), probe);

        assertThat(kernels.isa(out)).isEqualTo("AVX2");
        assertThat(kernels.isa(out)).isEqualTo("AVX2");
        assertThat(asked).containsExactly("DEFAULT", "AVX2");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("checking this machine's native kernels once",
                "limited to AVX2");
    }

    @Test
    void aChildThatStopsBeforeTheEndFails() {
        IsaChoice.Verdict v = NativeKernels.verdict("AVX2", 134, List.of("KERNELCHECK conv1d PASS", "# SIGSEGV"));
        assertThat(v.passed()).isFalse();
        assertThat(v.detail()).contains("exit 134", "SIGSEGV");
        assertThat(NativeKernels.verdict("AVX2", 0, List.of("KERNELCHECK conv1d PASS")).passed()).isFalse();
        assertThat(NativeKernels.verdict("AVX2", 0, List.of("KERNELCHECK END")).passed()).isFalse();
    }

    @Test
    void aFailingFamilyFailsTheSettingAndIsNamed() {
        IsaChoice.Verdict v = NativeKernels.verdict("DEFAULT", 0, List.of("[W] a warning", "KERNELCHECK conv1d PASS",
                "KERNELCHECK lstm FAIL LSTM on (4,3) inference: output [0] is 0.068, not 0.0719", "KERNELCHECK END"));
        assertThat(v.passed()).isFalse();
        assertThat(v.detail()).isEqualTo("lstm FAIL LSTM on (4,3) inference: output [0] is 0.068, not 0.0719");
        assertThat(NativeKernels.verdict("DEFAULT", 0, List.of("KERNELCHECK conv1d PASS", "KERNELCHECK END")).passed())
                .isTrue();
    }

    @Tag("engine")
    @Test
    void aChildJvmRunsTheCheckUnderTheSettingItIsGiven() throws Exception {
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"));
        IsaChoice.Verdict v = NativeKernels.childProbe(java).check("SSE41");
        assertThat(v.passed()).as(v.detail()).isTrue();
        assertThat(v.isa()).isEqualTo("SSE41");
    }
}
