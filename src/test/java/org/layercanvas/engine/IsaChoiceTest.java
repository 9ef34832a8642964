package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The choice logic on made-up CPUs and verdicts: nothing here depends on this machine. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IsaChoiceTest {
    private static final Set<String> AVX512_CPU = Set.of("sse4_1", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512vl", "avx512dq");

    @Test
    void anAvx512CpuIsCheckedFromNoCapDownToTheFloor() {
        assertThat(IsaChoice.candidates(AVX512_CPU)).containsExactly("DEFAULT", "AVX512_CORE", "AVX2", "AVX", "SSE41");
    }

    @Test
    void levelsTheCpuLacksAreNotChecked() {
        assertThat(IsaChoice.candidates(Set.of("sse4_1", "avx", "avx2", "fma"))).containsExactly("DEFAULT", "AVX2",
                "AVX", "SSE41");
        assertThat(IsaChoice.candidates(Set.of())).containsExactly("DEFAULT", "SSE41");
    }

    @Test
    void theWidestPassingSettingIsChosenAndNarrowerOnesAreNotRun() throws Exception {
        List<String> asked = new ArrayList<>();
        IsaChoice choice = IsaChoice.choose(IsaChoice.candidates(AVX512_CPU), isa -> {
            asked.add(isa);
            return new IsaChoice.Verdict(isa, true, "");
        });
        assertThat(choice.isa()).isEqualTo("DEFAULT");
        assertThat(choice.passed()).isTrue();
        assertThat(asked).containsExactly("DEFAULT");
    }

    @Test
    void aFailingFamilyMakesItFallBackToTheNextNarrowerSetting() throws Exception {
        // as on this project's machines before the engine routed around the wrong kernels
        IsaChoice choice = IsaChoice.choose(IsaChoice.candidates(AVX512_CPU), isa -> switch (isa) {
            case "DEFAULT", "AVX512_CORE" -> new IsaChoice.Verdict(isa, false, "lstm FAIL inference output differs");
            case "AVX2" -> new IsaChoice.Verdict(isa, false, "conv2d FAIL input gradient differs");
            default -> new IsaChoice.Verdict(isa, true, "");
        });
        assertThat(choice.isa()).isEqualTo("AVX");
        assertThat(choice.passed()).isTrue();
        assertThat(choice.tried()).extracting(IsaChoice.Verdict::isa).containsExactly("DEFAULT", "AVX512_CORE", "AVX2",
                "AVX");
    }

    @Test
    void whenNothingPassesTheFloorIsTakenAndTheChoiceSaysItFailed() throws Exception {
        IsaChoice choice = IsaChoice.choose(IsaChoice.candidates(Set.of()),
                isa -> new IsaChoice.Verdict(isa, false, "pooling FAIL output differs"));
        assertThat(choice.isa()).isEqualTo("SSE41");
        assertThat(choice.passed()).isFalse();
        assertThat(choice.tried()).hasSize(2);
    }
}
