package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cached choice is found again for the same machine and libraries, and for nothing else. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class KernelCacheTest {
    private static final KernelCache.Key KEY = new KernelCache.Key("libtorch 2.7.1 cpu, djl 0.36.0",
            "AuthenticAMD family 26 model 2, AMD EPYC, flags 01", 1);
    private static final IsaChoice AVX2 = new IsaChoice("AVX2", List.of(
            new IsaChoice.Verdict("DEFAULT", false, "conv2d FAIL output differs"), new IsaChoice.Verdict("AVX2", true, "")));

    @Test
    void aChoiceIsReadBackForTheSameKey(@TempDir Path home) throws Exception {
        KernelCache cache = new KernelCache(home.resolve("nested"));
        assertThat(cache.read(KEY)).isEmpty();
        cache.write(KEY, AVX2);
        assertThat(cache.read(KEY)).contains("AVX2");
        assertThat(Files.readString(cache.file())).contains("tried.DEFAULT=fail\\: conv2d FAIL output differs",
                "tried.AVX2=pass", "Delete this file to check again");
    }

    @Test
    void anotherLibraryVersionMakesTheChoiceStale(@TempDir Path home) throws Exception {
        KernelCache cache = new KernelCache(home);
        cache.write(KEY, AVX2);
        assertThat(cache.read(new KernelCache.Key("libtorch 2.8.0 cpu, djl 0.37.0", KEY.cpu(), 1))).isEmpty();
    }

    @Test
    void anotherCpuMakesTheChoiceStale(@TempDir Path home) throws Exception {
        KernelCache cache = new KernelCache(home);
        cache.write(KEY, AVX2);
        assertThat(cache.read(new KernelCache.Key(KEY.libraries(), "GenuineIntel family 6 model 143, Xeon, flags 02",
                1))).isEmpty();
    }

    @Test
    void aNewRevisionOfTheCheckMakesTheChoiceStale(@TempDir Path home) throws Exception {
        KernelCache cache = new KernelCache(home);
        cache.write(KEY, AVX2);
        assertThat(cache.read(new KernelCache.Key(KEY.libraries(), KEY.cpu(), 2))).isEmpty();
    }

    @Test
    void aDamagedFileReadsAsNoChoice(@TempDir Path home) throws Exception {
        KernelCache cache = new KernelCache(home);
        Files.writeString(cache.file(), "isa=\\uZZZZ\nlibraries=" + KEY.libraries());
        assertThat(cache.read(KEY)).isEmpty();
        Files.writeString(cache.file(), "isa=AVX2; rm -rf /\nlibraries=" + KEY.libraries() + "\ncpu=" + KEY.cpu()
                + "\nrevision=1\n");
        assertThat(cache.read(KEY)).isEmpty();
    }

    @Test
    void theCpuIsNamedByFamilyModelSteppingNameAndItsFlags(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        String first = "vendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\nmodel name\t: AMD EPYC\n"
                + "stepping\t: 1\nflags\t\t: fpu sse4_1 avx avx2 avx512f\n";
        Files.writeString(cpuinfo, first + "\nvendor_id\t: Other\n");
        String cpu = KernelCache.cpu(cpuinfo);
        assertThat(cpu).startsWith("AuthenticAMD family 26 model 2 stepping 1, AMD EPYC, flags ");
        assertThat(KernelCache.flags(cpuinfo)).containsExactlyInAnyOrder("fpu", "sse4_1", "avx", "avx2", "avx512f");

        Files.writeString(cpuinfo, first.replace("avx512f", "avx512f avx512bw"));
        assertThat(KernelCache.cpu(cpuinfo)).as("other flags, other key").isNotEqualTo(cpu);
        assertThat(KernelCache.cpu(dir.resolve("none"))).contains("processors");
    }

    @Test
    void theLibrariesAreReadFromTheBundledJarsWithoutLoadingThem() {
        assertThat(KernelCache.libraries()).startsWith("libtorch 2.7.1").contains(" cpu ", "jni 2.7.1-0.36.0",
                "djl 0.36.0");
    }
}
