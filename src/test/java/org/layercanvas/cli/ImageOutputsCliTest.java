package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A segmentation design on generated shapes goes through the command line: validate, train, export, predict. */
class ImageOutputsCliTest {
    private static final String SEGMENTATION = """
            {"format": "layercanvas-design", "version": 1, "name": "shapes-segmentation",
             "nodes": [
              {"id": "in", "name": "image", "kind": "Input", "params": {"shape": [3, 16, 16]}},
              {"id": "c1", "name": "enc", "kind": "Conv2d", "params": {"filters": 8, "kernel": [3, 3], "padding": "same"}},
              {"id": "r1", "name": "act", "kind": "ReLU"},
              {"id": "c2", "name": "dec", "kind": "Conv2d", "params": {"filters": 4, "kernel": [1, 1]}},
              {"id": "out", "name": "mask", "kind": "Output",
               "params": {"loss": "softmax_cross_entropy_per_position", "classes": 4}}],
             "edges": [{"from": "in", "to": "c1"}, {"from": "c1", "to": "r1"}, {"from": "r1", "to": "c2"},
                       {"from": "c2", "to": "out"}],
             "dataset": {"kind": "shapes", "task": "segment", "size": 16, "count": 120},
             "training": {"learningRate": 0.01, "batchSize": 16}}
            """;

    private final CliRunner cli = new CliRunner();

    @Test
    @Tag("engine")
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aSegmentationDesignTrainsExportsAndPredictsAMaskFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("segmentation.json");
        Files.writeString(file, SEGMENTATION);
        assertThat(cli.run("validate", file.toString())).as(cli.out + "" + cli.err).isZero();
        Path runs = dir.resolve("runs");

        assertThat(cli.run("train", file.toString(), "--runs", runs.toString(), "--epochs", "2"))
                .as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("accuracy");
        Path run;
        try (Stream<Path> folders = Files.list(runs)) {
            run = folders.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        cli.clear();
        assertThat(cli.run("export", "--format", "djl", run.toString(), dir.resolve("djl").toString()))
                .as(cli.err + "" + cli.out).isZero();
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 4; y < 12; y++) {
            for (int x = 4; x < 12; x++) {
                image.setRGB(x, y, 0xF0D020);
            }
        }
        Path png = dir.resolve("square.png");
        ImageIO.write(image, "png", png.toFile());
        cli.clear();

        assertThat(cli.run("predict", dir.resolve("djl").toString(), png.toString())).as(cli.err.toString()).isZero();

        assertThat(cli.out.toString()).startsWith("square.png: 256 positions: ").contains("background");
    }

    @Test
    void aSegmentationDesignOnClassLabelsIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("segmentation.json");
        Files.writeString(file, SEGMENTATION.replace("\"task\": \"segment\"", "\"task\": \"classify\""));

        assertThat(cli.run("train", file.toString(), "--runs", dir.resolve("runs").toString())).isEqualTo(1);

        assertThat(cli.out + "" + cli.err).contains("design output 'mask' predicts a class at every position"
                + " (softmax_cross_entropy_per_position) but shapes (120 of 3×16×16, classify) has one class per"
                + " sample; use softmax_cross_entropy");
    }
}
