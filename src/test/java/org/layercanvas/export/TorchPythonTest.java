package org.layercanvas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchPythonTest {

    @Test
    void aScriptThatRunsTooLongIsStoppedWithAClearMessage(@TempDir Path dir) {
        TorchPython python = PythonAvailability.require();
        long start = System.nanoTime();

        assertThatThrownBy(() -> python.run(dir, Duration.ofSeconds(1), "-c", "import time; time.sleep(30)"))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish within 1 s and was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aFailingScriptReportsTheEndOfItsTraceback(@TempDir Path dir) {
        TorchPython python = PythonAvailability.require();

        assertThatThrownBy(() -> python.run(dir, Duration.ofSeconds(60), "-c", "raise ValueError('weights differ')"))
                .isInstanceOf(IOException.class).hasMessageContaining("exit 1")
                .hasMessageContaining("ValueError: weights differ");
    }
}
