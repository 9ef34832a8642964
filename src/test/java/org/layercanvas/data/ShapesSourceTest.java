package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShapesSourceTest {
    private static final int SIDE = 32;

    private static ShapesSource source(ShapesSource.Task task, int count) {
        return new ShapesSource(task, 3, SIDE, SIDE, count, 0.1, 0.2);
    }

    private static DataSource parse(String text) throws DataException {
        try {
            Map<String, Object> section = new ObjectMapper().readValue(text, new TypeReference<>() { });
            return DatasetSpec.parse(section, Path.of("/designs"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @ParameterizedTest
    @EnumSource(ShapesSource.Task.class)
    void theSameSeedGivesTheSameImagesAndTargetsAndAnotherSeedOthers(ShapesSource.Task task) throws DataException {
        ShapesSource source = source(task, 60);

        DataSplits first = source.load(7);
        DataSplits again = source.load(7);

        assertThat(again.train().features()).containsExactly(first.train().features());
        assertThat(again.train().targets()).containsExactly(first.train().targets());
        assertThat(again.validation().features()).containsExactly(first.validation().features());
        assertThat(source.load(8).train().features()).isNotEqualTo(first.train().features());
    }

    @Test
    void segmentMasksMarkExactlyTheFlatColouredShapesOfTheirImages() {
        Examples all = source(ShapesSource.Task.SEGMENT, 200).generate(3);
        assertThat(all.kind()).isEqualTo(TargetKind.POSITION_CLASSES);
        assertThat(all.sampleShape()).containsExactly(3, SIDE, SIDE);
        assertThat(all.targetShape()).containsExactly(SIDE, SIDE);
        assertThat(all.classNames()).containsExactly("background", "square", "circle", "triangle");
        int pixels = SIDE * SIDE;
        int[] shapesPerClass = new int[4];
        for (int i = 0; i < all.size(); i++) {
            int[] mask = new int[pixels];
            for (int p = 0; p < pixels; p++) {
                mask[p] = (int) all.targets()[i * pixels + p];
            }
            List<int[]> regions = regions(mask);
            assertThat(regions).as("shapes in image " + i).hasSizeBetween(1, 3);
            Set<Float> background = new HashSet<>();
            for (int p = 0; p < pixels; p++) {
                if (mask[p] == 0) {
                    background.add(all.features()[i * 3 * pixels + p]);
                }
            }
            assertThat(background.size()).as("the background is noisy").isGreaterThan(20);
            for (int[] region : regions) {
                int k = mask[region[0]];
                shapesPerClass[k]++;
                float[] colour = pixel(all, i, region[0]);
                int top = SIDE;
                int bottom = -1;
                int left = SIDE;
                int right = -1;
                for (int p : region) {
                    assertThat(mask[p]).as("one class per shape").isEqualTo(k);
                    assertThat(pixel(all, i, p)).as("one flat colour per shape").containsExactly(colour);
                    top = Math.min(top, p / SIDE);
                    bottom = Math.max(bottom, p / SIDE);
                    left = Math.min(left, p % SIDE);
                    right = Math.max(right, p % SIDE);
                }
                float brightest = Math.max(colour[0], Math.max(colour[1], colour[2]));
                assertThat(brightest).as("a shape stands out from the background").isGreaterThanOrEqualTo(0.7f);
                double fill = (double) region.length / ((bottom - top + 1) * (right - left + 1));
                // the share of its bounding box a shape fills tells which shape it is
                switch (k) {
                    case 1 -> assertThat(fill).as("a square fills its box").isEqualTo(1.0);
                    case 2 -> assertThat(fill).as("a circle fills π/4 of its box").isBetween(0.65, 0.9);
                    default -> assertThat(fill).as("a triangle fills half its box").isBetween(0.35, 0.65);
                }
            }
        }
        assertThat(shapesPerClass[1]).isGreaterThan(50);
        assertThat(shapesPerClass[2]).isGreaterThan(50);
        assertThat(shapesPerClass[3]).isGreaterThan(50);
        int[] counts = all.classCounts();
        double backgroundShare = (double) counts[0] / Arrays.stream(counts).sum();
        assertThat(backgroundShare).as("background share of pixels").isBetween(0.6, 0.95);
    }

    @Test
    void classifyDrawsOneShapeOfItsLabelWithBalancedClasses() {
        ShapeImages.Drawn drawn = ShapeImages.draw(90, 1, 24, 24, 1, 0.1, new Random(5));
        int pixels = 24 * 24;
        int[] perClass = new int[3];
        for (int i = 0; i < 90; i++) {
            Set<Integer> classes = new HashSet<>();
            for (int p = 0; p < pixels; p++) {
                classes.add(drawn.masks()[i * pixels + p]);
            }
            assertThat(classes).as("image " + i).containsExactlyInAnyOrder(0, drawn.labels()[i] + 1);
            perClass[drawn.labels()[i]]++;
        }
        assertThat(perClass).containsExactly(30, 30, 30);
        Examples all = new ShapesSource(ShapesSource.Task.CLASSIFY, 1, 24, 24, 90, 0.1, 0.2).generate(5);
        assertThat(all.kind()).isEqualTo(TargetKind.CLASSES);
        assertThat(all.classNames()).containsExactly("square", "circle", "triangle");
        assertThat(all.targets()).containsExactly(floats(drawn.labels()));
    }

    @Test
    void reconstructionTargetsAreTheImagesTheNetworkSees() throws DataException {
        DataSplits splits = source(ShapesSource.Task.RECONSTRUCT, 50).load(1);

        for (Examples part : List.of(splits.train(), splits.validation())) {
            assertThat(part.kind()).isEqualTo(TargetKind.VALUES);
            assertThat(part.targetShape()).containsExactly(3, SIDE, SIDE);
            assertThat(part.targets()).containsExactly(part.features());
        }
        assertThat(splits.description()).isEqualTo("shapes (50 of 3×32×32, reconstruct): 50 samples (40 training,"
                + " 10 validation), samples of 3×32×32, targets of 3×32×32");
        for (float v : splits.train().features()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void aDesignSectionNamesTheSetAndLeavesTheRestToDefaults() throws DataException {
        assertThat(parse("""
                {"kind": "shapes", "channels": 1, "size": [24, 40], "count": 600, "task": "Segment",
                 "noise": 0.05, "validation": 0.25}"""))
                .isEqualTo(new ShapesSource(ShapesSource.Task.SEGMENT, 1, 24, 40, 600, 0.05, 0.25));
        assertThat(parse("{\"kind\": \"shapes\"}"))
                .isEqualTo(new ShapesSource(ShapesSource.Task.CLASSIFY, 3, 32, 32, 1000, 0.1, 0.2));
        assertThat(source(ShapesSource.Task.SEGMENT, 600).load(1).description()).isEqualTo("shapes (600 of 3×32×32,"
                + " segment): 600 samples (480 training, 120 validation), samples of 3×32×32, 4 classes at each of"
                + " 32×32 positions");
    }

    @Test
    void badKeysAndValuesAreNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> parse("{\"kind\": \"shapes\", \"task\": \"segmentation\"}"))
                .hasMessage("dataset.task: expected one of classify, segment, reconstruct; got \"segmentation\"");
        assertThatThrownBy(() -> parse("{\"kind\": \"shapes\", \"size\": 4}"))
                .hasMessage("dataset.size: expected a whole number from 8 to 1024; got 4");
        assertThatThrownBy(() -> parse("{\"kind\": \"shapes\", \"size\": [32]}"))
                .hasMessage("dataset.size: expected [height, width]; got [32]");
        assertThatThrownBy(() -> parse("{\"kind\": \"shapes\", \"channels\": 2}"))
                .hasMessage("dataset.channels: expected 1 (grey) or 3 (colour); got 2");
        assertThatThrownBy(() -> parse("{\"kind\": \"shapes\", \"count\": 1}"))
                .hasMessage("dataset.count: expected a whole number from 2 to 1000000; got 1");
        assertThatThrownBy(() -> parse("{\"kind\": \"shapes\", \"noise\": -0.1}"))
                .hasMessage("dataset.noise: expected a number from 0 to 1; got -0.1");
        assertThatThrownBy(() -> parse("{\"kind\": \"shapes\", \"colour\": true}"))
                .hasMessage("dataset.colour: not a key of a shapes dataset; expected one of kind, task, size, channels,"
                        + " count, noise, validation");
        assertThatThrownBy(() -> parse("{\"kind\": \"shapes\", \"size\": 512, \"count\": 100000}"))
                .hasMessage("dataset.count: 100000 images of 3×512×512 are 78,643,200,000 values; at most 67,108,864"
                        + " fit in memory, so use fewer or smaller images; got 100000");
    }

    private static float[] floats(int[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = values[i];
        }
        return f;
    }

    private static float[] pixel(Examples all, int image, int p) {
        int pixels = SIDE * SIDE;
        float[] rgb = new float[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = all.features()[(image * 3 + c) * pixels + p];
        }
        return rgb;
    }

    /** Returns the 4-connected regions of a mask's non-zero pixels, each as its pixel indices. */
    private static List<int[]> regions(int[] mask) {
        boolean[] seen = new boolean[mask.length];
        List<int[]> regions = new java.util.ArrayList<>();
        for (int start = 0; start < mask.length; start++) {
            if (mask[start] == 0 || seen[start]) {
                continue;
            }
            List<Integer> region = new java.util.ArrayList<>();
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!todo.isEmpty()) {
                int p = todo.pop();
                region.add(p);
                int x = p % SIDE;
                int y = p / SIDE;
                int[][] next = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
                for (int[] n : next) {
                    int q = n[1] * SIDE + n[0];
                    if (n[0] >= 0 && n[0] < SIDE && n[1] >= 0 && n[1] < SIDE && mask[q] != 0 && !seen[q]) {
                        seen[q] = true;
                        todo.push(q);
                    }
                }
            }
            regions.add(region.stream().mapToInt(Integer::intValue).toArray());
        }
        return regions;
    }
}
