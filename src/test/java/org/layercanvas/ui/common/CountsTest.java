package org.layercanvas.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Counts on cards and in the status bar read at a glance: never 6535.7k for six and a half million. */
class CountsTest {

    @Test
    void countsUseTheLargestUnitThatKeepsThemShort() {
        assertThat(Counts.compact(144)).isEqualTo("144");
        assertThat(Counts.compact(2_304)).isEqualTo("2.3k");
        assertThat(Counts.compact(999_949)).isEqualTo("999.9k");
        assertThat(Counts.compact(999_950)).isEqualTo("1.0M");
        assertThat(Counts.compact(6_535_700)).isEqualTo("6.5M");
        assertThat(Counts.compact(3_200_000_000L)).isEqualTo("3.2G");
    }

    @Test
    void parametersNameTheOnesNoGradientTrainsApartOnlyWhenThereAreAny() {
        assertThat(Counts.parameters(131, 0, Counts::full)).isEqualTo("131 parameters");
        assertThat(Counts.parameters(19_994, 288, Counts::full))
                .isEqualTo("19,706 trainable parameters + 288 not trained (running statistics)");
        assertThat(Counts.parameters(11_179_971, 9_600, Counts::compact))
                .isEqualTo("11.2M trainable parameters + 9.6k not trained (running statistics)");
    }
}
