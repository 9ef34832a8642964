package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layercanvas.graph.Convolution;

/**
 * The engine's blocks give the known answers under this process's oneDNN setting: SSE4.1 in the
 * default test run, no cap in the widest-isa run (the pom's two Surefire executions).
 */
@Tag("engine")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KernelCheckTest {

    @Test
    void everyFamilyGivesTheKnownAnswersUnderThisSetting() {
        List<KernelCheck.Result> results = KernelCheck.standard().run();
        System.out.println("kernel check under ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA") + ": " + results);
        assertThat(results).extracting(KernelCheck.Result::family).containsExactly("conv1d", "conv2d", "lstm", "gru",
                "pooling", "batchnorm", "dense", "activations");
        assertThat(results).as("under ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA"))
                .allSatisfy(r -> assertThat(r.passed()).as(r.family() + ": " + r.detail()).isTrue());
    }

    @Test
    void aKernelThatIsOffFailsItsFamilyOnly() {
        LayerBlockFactory factory = new LayerBlockFactory();
        KernelCheck check = new KernelCheck((spec, in, grad) -> {
            Block block = factory.create(spec, in, grad);
            if (!(spec instanceof Convolution)) {
                return block;
            }
            // 0.02 off: half the smallest error the wrong kernels made here (0.046 for an LSTM)
            return new SequentialBlock().add(block).add(new LambdaBlock(x -> new NDList(x.head().add(0.02f))));
        });
        List<KernelCheck.Result> results = check.run();
        assertThat(results).filteredOn(r -> !r.passed()).extracting(KernelCheck.Result::family)
                .containsExactly("conv1d", "conv2d");
        assertThat(results.get(0).detail()).contains("Conv1d", "output");
    }
}
