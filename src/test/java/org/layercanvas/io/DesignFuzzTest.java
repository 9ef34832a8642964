package org.layercanvas.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Analysis;

/**
 * Loads thousands of corrupted versions of every sample: each must either load (and then analyse
 * without throwing) or fail with the format's own error. Anything else is a crash a person would see.
 */
class DesignFuzzTest {
    private static final int MUTANTS_PER_SAMPLE = 1500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Path> samples() {
        return Samples.designs();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyCorruptionLoadsOrFailsWithAFormatError(Path sample) throws Exception {
        byte[] original = Files.readAllBytes(sample);
        JsonNode tree = MAPPER.readTree(original);
        Random random = new Random(sample.getFileName().toString().hashCode());
        DesignCodec codec = new DesignCodec();
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < MUTANTS_PER_SAMPLE; i++) {
            byte[] mutant = switch (i % 3) {
                case 0 -> truncate(original, random);
                case 1 -> flipBytes(original, random);
                default -> MAPPER.writeValueAsBytes(mutateTree(tree.deepCopy(), random));
            };
            try {
                Design d = codec.parse(mutant, "mutant.json");
                Analysis.of(d.graph()).diagnostics();
                loaded++;
            } catch (DesignFormatException e) {
                assertThat(e.getMessage()).startsWith("mutant.json").doesNotContain("Exception");
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " of " + sample + " crashed the loader:\n"
                        + new String(mutant, java.nio.charset.StandardCharsets.UTF_8), e);
            }
        }
        // both outcomes must actually occur, or the mutations are not testing anything
        assertThat(loaded).isPositive();
        assertThat(refused).isPositive();
    }

    private static byte[] truncate(byte[] bytes, Random random) {
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }

    private static byte[] flipBytes(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        int flips = 1 + random.nextInt(4);
        for (int k = 0; k < flips; k++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** Deletes, duplicates or retypes one value somewhere in the tree. */
    private static JsonNode mutateTree(JsonNode root, Random random) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
        if (target.isEmpty()) {
            return root;
        }
        int op = random.nextInt(3);
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (op) {
                case 0 -> o.remove(name);
                case 1 -> o.set(name + (random.nextBoolean() ? "" : "_copy"), o.get(name).deepCopy());
                default -> o.set(name, retype(o.get(name), random));
            }
        } else if (target instanceof ArrayNode a) {
            int i = random.nextInt(a.size());
            switch (op) {
                case 0 -> a.remove(i);
                case 1 -> a.insert(i, a.get(i).deepCopy());
                default -> a.set(i, retype(a.get(i), random));
            }
        }
        return root;
    }

    private static JsonNode retype(JsonNode value, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> MAPPER.getNodeFactory().nullNode();
            case 1 -> TextNode.valueOf(value.toString());
            case 2 -> MAPPER.getNodeFactory().numberNode(random.nextInt(2001) - 1000);
            case 3 -> MAPPER.getNodeFactory().numberNode(random.nextDouble() * 1e12 - 5e11);
            case 4 -> MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
            case 5 -> MAPPER.createArrayNode().add(value.deepCopy());
            case 6 -> MAPPER.createObjectNode().set("value", value.deepCopy());
            default -> MAPPER.getNodeFactory().numberNode(new java.math.BigInteger("98765432109876543210"));
        };
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> out) {
        if (node instanceof ContainerNode<?> c) {
            out.add(c);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }
}
