package org.layercanvas.export;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/**
 * Decides what a test does when no Python with torch is here: skips, unless
 * {@code LAYERCANVAS_REQUIRE_PYTHON=1} says the machine must have one (CI), then fails.
 */
final class PythonAvailability {
    private static Optional<TorchPython> found;

    private PythonAvailability() {
    }

    /** Returns the interpreter, or skips or fails the calling test when there is none. */
    static synchronized TorchPython require() {
        if (found == null) {
            found = TorchPython.find();
        }
        if (found.isEmpty()) {
            if ("1".equals(System.getenv("LAYERCANVAS_REQUIRE_PYTHON"))) {
                fail("LAYERCANVAS_REQUIRE_PYTHON=1 but no Python with torch was found ("
                        + TorchPython.ENV + " or /usr/bin/python3)");
            }
            assumeTrue(false, "no Python with torch here (/usr/bin/python3 or " + TorchPython.ENV + ")");
        }
        return found.get();
    }
}
