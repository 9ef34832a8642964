package org.layercanvas.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter that can {@code import torch}, used to check PyTorch exports by running them.
 * It is the one named by the environment variable {@value #ENV} when set, else Debian's
 * {@code /usr/bin/python3} (the {@code python3} first on the PATH is often a pyenv or venv Python
 * without torch).
 */
final class TorchPython {
    /** The environment variable that names the interpreter to use. */
    static final String ENV = "LAYERCANVAS_PYTHON";

    private static final Path SYSTEM = Path.of("/usr/bin/python3");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;

    private TorchPython(Path executable) {
        this.executable = executable;
    }

    /** Returns the interpreter to verify with, or empty when none here imports torch. */
    static Optional<TorchPython> find() {
        String named = System.getenv(ENV);
        TorchPython candidate = new TorchPython(named != null && !named.isBlank() ? Path.of(named) : SYSTEM);
        if (!Files.isExecutable(candidate.executable)) {
            return Optional.empty();
        }
        try {
            Process probe = new ProcessBuilder(candidate.executable.toString(), "-B", "-c", "import torch")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                probe.destroyForcibly();
                return Optional.empty();
            }
            return probe.exitValue() == 0 ? Optional.of(candidate) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Returns the interpreter's path. */
    Path executable() {
        return executable;
    }

    /**
     * Runs the interpreter with {@code args} in {@code dir} and returns what it printed; what it prints
     * is kept in {@code dir} while it runs (an export's scratch folder), not in the system's temporary
     * folder, so a killed export leaves nothing there.
     *
     * @throws IOException when it cannot start, exits with an error (its last lines of output are in
     *     the message) or runs longer than {@code timeout} (then it is killed)
     */
    String run(Path dir, Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("-B");
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, ".python", ".out");
        Path stderr = Files.createTempFile(dir, ".python", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process = builder.start();
            boolean done;
            try {
                done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while " + executable + " ran", e);
            }
            if (!done) {
                process.destroyForcibly();
                throw new IOException(executable + " " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + " s and was stopped");
            }
            if (process.exitValue() != 0) {
                throw new IOException(executable + " " + String.join(" ", args) + " failed (exit "
                        + process.exitValue() + "):\n" + tail(Files.readString(stderr, StandardCharsets.UTF_8)));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** The last lines of a traceback say what went wrong. */
    private static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
