package org.layercanvas.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
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

    @Test
    void theTemplatesForTodaysNetworksHoldTheLayersTheyAreNamedFor() throws IOException {
        assertThat(kinds("unet.json")).contains("ConvTranspose2d", "Upsample2d", "Concat", "MaxPool2d", "Block");
        assertThat(kinds("conv-autoencoder.json")).contains("ConvTranspose2d", "Conv2d", "Block");
        assertThat(kinds("transformer-classifier.json")).contains("Embedding", "PositionalEmbedding",
                "TransformerEncoder", "Reduce");
        assertThat(kinds("mobilenet.json")).contains("ReLU6", "Hardswish", "BatchNorm", "Add", "Block");
        assertThat(kinds("gated-mlp.json")).contains("Multiply", "Sigmoid", "Block");
        // depthwise: as many groups as channels, each followed by a 1x1 pointwise convolution
        Design mobilenet = Templates.read(Templates.find("mobilenet.json").orElseThrow(), SAMPLES);
        for (String block : List.of("inverted_residual", "separable_down")) {
            Graph body = mobilenet.graph().blocks().get(block).body();
            Conv2d depthwise = (Conv2d) body.nodes().stream().filter(n -> n.name().equals("depthwise")).findFirst()
                    .orElseThrow().spec();
            assertThat(depthwise.groups()).as(block).isEqualTo(depthwise.filters()).isGreaterThan(1);
        }
        // blocks are defined once and used more than once: by repeat, or by several instances
        assertThat(mobilenet.graph().nodes()).anySatisfy(n -> assertThat(n.spec()).isInstanceOfSatisfying(Block.class,
                b -> assertThat(b.repeat()).isGreaterThan(1)));
        Design unet = Templates.read(Templates.find("unet.json").orElseThrow(), SAMPLES);
        assertThat(unet.graph().uses("double_conv")).isEqualTo(5);
    }

    /** Returns the kinds of every layer of a template, its blocks' bodies included. */
    private static Set<String> kinds(String file) throws IOException {
        Graph g = Templates.read(Templates.find(file).orElseThrow(), SAMPLES).graph();
        Set<String> kinds = new TreeSet<>();
        g.nodes().forEach(n -> kinds.add(n.kind()));
        g.blocks().values().forEach(d -> d.body().nodes().forEach(n -> kinds.add(n.kind())));
        return kinds;
    }
}
