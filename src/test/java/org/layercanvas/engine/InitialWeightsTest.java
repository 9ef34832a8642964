package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layercanvas.engine.Readiness.Cause;
import org.layercanvas.engine.Readiness.Problem;

/** The rule that matches a design's layers with another run's weights, by name: no engine needed. */
class InitialWeightsTest {
    private static final String RUN = "20261201-093000-iris";

    private static Tensor t(String name, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        return new Tensor(name, shape, new float[n]);
    }

    private static Map<String, List<Tensor>> layers(Object... nameThenTensors) {
        Map<String, List<Tensor>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenTensors.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Tensor> tensors = (List<Tensor>) nameThenTensors[i + 1];
            m.put((String) nameThenTensors[i], tensors);
        }
        return m;
    }

    private static final Map<String, List<Tensor>> IMPORTED = layers(
            "/fc1/Gemm", List.of(t("weight", 8, 4), t("bias", 8)),
            "/fc2/Gemm", List.of(t("weight", 3, 8), t("bias", 3)));

    @Test
    void layersWithTheSameNameAndShapesComeFromTheRunAndLayersAddedSinceStartFresh() throws Exception {
        Map<String, List<Tensor>> design = layers(
                "/fc1/Gemm", List.of(t("weight", 8, 4), t("bias", 8)),
                "extra", List.of(t("weight", 8, 8), t("bias", 8)),
                "/fc2/Gemm", List.of(t("weight", 3, 8), t("bias", 3)));

        InitialWeights w = InitialWeights.match(RUN, "model.params", IMPORTED, design, false);

        assertThat(w.taken()).containsExactly("/fc1/Gemm", "/fc2/Gemm");
        assertThat(w.fresh()).containsExactly("extra");
        assertThat(w.changed()).isEmpty();
        assertThat(w.warnings()).isEmpty();
        assertThat(w.unused()).isEmpty();
    }

    @Test
    void aLayerWhoseShapeChangedIsRefusedNamingTheLayerItsParameterAndBothShapes() {
        Map<String, List<Tensor>> design = layers(
                "/fc1/Gemm", List.of(t("weight", 16, 4), t("bias", 16)),
                "/fc2/Gemm", List.of(t("weight", 3, 16), t("bias", 3)));

        assertThatThrownBy(() -> InitialWeights.match(RUN, "model.params", IMPORTED, design, false))
                .isInstanceOfSatisfying(LaunchException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::cause).containsOnly(Cause.CHANGED);
                    assertThat(e.problems()).extracting(Problem::text).containsExactly(
                            "layer '/fc1/Gemm': weight is (8,4) in 20261201-093000-iris but (16,4) in the design",
                            "layer '/fc1/Gemm': bias is (8) in 20261201-093000-iris but (16) in the design",
                            "layer '/fc2/Gemm': weight is (3,8) in 20261201-093000-iris but (3,16) in the design");
                });
    }

    @Test
    void changedLayersChosenToStartFreshDoSoWithAWarningNamingEach() throws Exception {
        Map<String, List<Tensor>> run = layers(
                "fc1", List.of(t("weight", 8, 4), t("bias", 8)),
                "fc2", List.of(t("weight", 8, 8), t("bias", 8)),
                "fc3", List.of(t("weight", 3, 8)),
                "old", List.of(t("weight", 2, 2)));
        Map<String, List<Tensor>> design = layers(
                "fc1", List.of(t("weight", 8, 4), t("bias", 8)),
                "fc2", List.of(t("weight", 6, 8), t("bias", 6)),
                "fc3", List.of(t("weight", 3, 6), t("bias", 3)));

        InitialWeights w = InitialWeights.match(RUN, "model.params", run, design, true);

        assertThat(w.taken()).containsExactly("fc1");
        assertThat(w.reinitialized()).containsExactly("fc2", "fc3");
        assertThat(w.unused()).containsExactly("old");
        assertThat(w.warnings()).containsExactly(
                "layer 'fc2' starts fresh: weight is (8,8) in 20261201-093000-iris but (6,8) in the design;"
                        + " bias is (8) in 20261201-093000-iris but (6) in the design",
                "layer 'fc3' starts fresh: weight is (3,8) in 20261201-093000-iris but (3,6) in the design;"
                        + " bias (3) is in the design but not in 20261201-093000-iris");
    }

    @Test
    void aRunThatWouldGiveNoLayerItsWeightsIsRefusedSayingWhy() {
        Map<String, List<Tensor>> design = layers("dense", List.of(t("weight", 8, 4), t("bias", 8)));

        assertThatThrownBy(() -> InitialWeights.match(RUN, "model.params", IMPORTED, design, true))
                .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.problems())
                        .extracting(Problem::cause).containsExactly(Cause.RUN))
                .hasMessage("No layer of the design is in 20261201-093000-iris (its layers with weights:"
                        + " /fc1/Gemm, /fc2/Gemm); layers are matched by name");
        Map<String, List<Tensor>> wider = layers(
                "/fc1/Gemm", List.of(t("weight", 16, 4), t("bias", 16)),
                "/fc2/Gemm", List.of(t("weight", 3, 16), t("bias", 3)));
        assertThatThrownBy(() -> InitialWeights.match(RUN, "model.params", IMPORTED, wider, true))
                .hasMessage("Every layer of the design that 20261201-093000-iris has changed since (/fc1/Gemm,"
                        + " /fc2/Gemm): none would start from its weights");
    }
}
