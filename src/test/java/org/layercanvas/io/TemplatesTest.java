package org.layercanvas.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.io.Templates.Template;

class TemplatesTest {
    private static final Path SAMPLES = Path.of("samples");

    @Test
    void everyShippedSampleIsATemplateAndEveryTemplateIsShipped() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .containsExactlyInAnyOrderElementsOf(Templates.all().stream().map(Template::file).toList());
        }
    }

    @Test
    void everyTemplateValidatesCleanAndHasADescription() throws IOException {
        for (Template t : Templates.all()) {
            Design d = Templates.read(t, SAMPLES);
            assertThat(Analysis.of(d.graph()).diagnostics()).as(t.file()).isEmpty();
            assertThat(t.description()).as(t.file()).hasSizeGreaterThan(30);
        }
    }

    @Test
    void resNet18HasTorchsParameterCountWithStagesAsBlocks() throws IOException {
        Design d = Templates.read(Templates.find("resnet18.json").orElseThrow(), SAMPLES);
        Analysis a = Analysis.of(d.graph());
        // torch's CIFAR ResNet-18 (3x3 stem, 1x1 projections) with a 3-class head: 11,170,371
        // trainable parameters and 9,600 BatchNorm running statistics
        assertThat(a.totalParams()).isEqualTo(11_170_371L + 9_600L);
        assertThat(a.layerCount()).isEqualTo(69);
        assertThat(d.graph().nodes()).hasSize(11);
        // stage2 holds a downsampling block and a basic one, each a block of its own
        assertThat(d.graph().blocks().get("stage128").body().nodes()).extracting(n -> n.name() + ":" + n.kind())
                .contains("block1:Block", "block2:Block");
    }
}
