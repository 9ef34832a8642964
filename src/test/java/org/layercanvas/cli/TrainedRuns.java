package org.layercanvas.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.layercanvas.engine.RunFolder;

/** A short run of the iris sample, trained once for a test class and copied for each test to abuse. */
final class TrainedRuns {
    private TrainedRuns() {
    }

    /** Trains the iris sample for {@code epochs} epochs under {@code runs} and returns its run folder. */
    static Path trainIris(Path runs, int epochs) {
        CliRunner cli = new CliRunner();
        int code = cli.run("train", "samples/iris-mlp.json", "--runs", runs.toString(), "--epochs",
                Integer.toString(epochs));
        if (code != 0) {
            throw new IllegalStateException("the iris sample did not train: " + cli.err);
        }
        try {
            return RunFolder.list(runs).get(0).dir();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a run folder into {@code dir}, keeping its name, and returns the copy. */
    static Path copy(Path run, Path dir) throws IOException {
        Path target = dir.resolve(run.getFileName());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(run)) {
            files = walk.toList();
        }
        for (Path f : files) {
            Files.copy(f, target.resolve(run.relativize(f).toString()));
        }
        return target;
    }
}
