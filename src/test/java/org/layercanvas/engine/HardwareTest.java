package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class HardwareTest {
    @Test
    void autoTakesAGpuOnlyWhenOneCanBeUsedAndCpuNeverDoes() throws LaunchException {
        assertThat(Hardware.choose("auto", true)).isEqualTo(Device.gpu());
        assertThat(Hardware.choose("auto", false)).isEqualTo(Device.cpu());
        assertThat(Hardware.choose("cpu", true)).isEqualTo(Device.cpu());
        assertThat(Hardware.choose("gpu", true)).isEqualTo(Device.gpu());
    }

    @Test
    void askingForAGpuWhereNoneCanBeUsedSaysWhyAndWhatToDo() {
        assertThatThrownBy(() -> Hardware.choose("gpu", false)).isInstanceOf(LaunchException.class)
                .hasMessageContaining("training.device: gpu, but no GPU can be used")
                .hasMessageContaining("set the device to auto or cpu");
    }

    @Test
    void theBundledLibraryTrainsOnTheCpuWithTheKernelsTheCheckAllowed() throws LaunchException {
        Device device = Hardware.device("auto");
        assertThat(Hardware.name(device)).isEqualTo("cpu");
        assertThat(Hardware.kernels(device)).isEqualTo("oneDNN " + System.getenv("ONEDNN_MAX_CPU_ISA"));
        assertThat(Hardware.name(Device.gpu(1))).isEqualTo("gpu 1");
    }
}
