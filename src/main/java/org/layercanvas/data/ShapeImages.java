package org.layercanvas.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws the images of the {@link ShapesSource}: flat-coloured squares, circles and triangles on a
 * background of one dim colour with Gaussian noise, and for each image the mask of which shape
 * covers each pixel. Shapes in one image never touch (a gap of at least one pixel), so each shape
 * in a mask is its own connected region.
 */
final class ShapeImages {
    /** The shape classes, by class index. */
    static final List<String> SHAPES = List.of("square", "circle", "triangle");
    /** The classes of a mask, by class index: the background, then the shapes (shape class + 1). */
    static final List<String> MASK_CLASSES = List.of("background", "square", "circle", "triangle");

    private static final int PLACEMENT_TRIES = 30;

    private ShapeImages() {
    }

    /**
     * The drawn images, channels first, one after another; each image's mask, 0 for background and
     * shape class + 1 where a shape is; and each image's first shape class.
     */
    record Drawn(float[] images, int[] masks, int[] labels) {
    }

    /**
     * Draws {@code count} images.
     *
     * @param most the most shapes per image: 1 gives exactly one, the classes taking turns so each has
     *     the same number of images (give or take one); above 1, each image has 1 to {@code most}
     *     shapes of random classes (fewer when no room is left)
     * @param noise the standard deviation of the background's noise (values are clipped to 0-1)
     * @param random the same seed gives the same images
     */
    static Drawn draw(int count, int channels, int height, int width, int most, double noise, Random random) {
        int pixels = height * width;
        float[] images = new float[count * channels * pixels];
        int[] masks = new int[count * pixels];
        int[] labels = new int[count];
        int shortSide = Math.min(height, width);
        int smallest = Math.max(2, shortSide / 8);
        int largest = Math.max(smallest, shortSide / 4);
        for (int i = 0; i < count; i++) {
            int image = i * channels * pixels;
            int mask = i * pixels;
            for (int c = 0; c < channels; c++) {
                // a dim background, so every shape (one channel at 0.7 or more) stands out from it
                double level = 0.05 + 0.3 * random.nextDouble();
                for (int p = 0; p < pixels; p++) {
                    double v = level + noise * random.nextGaussian();
                    images[image + c * pixels + p] = (float) Math.min(1, Math.max(0, v));
                }
            }
            int shapes = most == 1 ? 1 : 1 + random.nextInt(most);
            List<int[]> boxes = new ArrayList<>();
            for (int s = 0; s < shapes; s++) {
                int kind = most == 1 ? i % SHAPES.size() : random.nextInt(SHAPES.size());
                int[] placed = place(boxes, height, width, smallest, largest, random);
                if (placed == null) {
                    continue;
                }
                if (boxes.size() == 1) {
                    labels[i] = kind;
                }
                float[] colour = colour(channels, random);
                int r = placed[2];
                for (int y = placed[1] - r; y < placed[1] + r; y++) {
                    for (int x = placed[0] - r; x < placed[0] + r; x++) {
                        if (covers(kind, x + 0.5 - placed[0], y + 0.5 - placed[1], r)) {
                            masks[mask + y * width + x] = kind + 1;
                            for (int c = 0; c < channels; c++) {
                                images[image + c * pixels + y * width + x] = colour[c];
                            }
                        }
                    }
                }
            }
        }
        return new Drawn(images, masks, labels);
    }

    /**
     * Returns a centre x, centre y and half size whose square box lies inside the image and keeps a
     * pixel's gap from the boxes already placed (which it joins), or null when none was found.
     */
    private static int[] place(List<int[]> boxes, int height, int width, int smallest, int largest, Random random) {
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            int r = smallest + random.nextInt(largest - smallest + 1);
            int cx = r + random.nextInt(width - 2 * r + 1);
            int cy = r + random.nextInt(height - 2 * r + 1);
            int[] box = {cx - r, cy - r, cx + r, cy + r};
            boolean free = true;
            for (int[] b : boxes) {
                boolean apart = box[2] < b[0] || b[2] < box[0] || box[3] < b[1] || b[3] < box[1];
                free &= apart;
            }
            if (free) {
                boxes.add(box);
                return new int[] {cx, cy, r};
            }
        }
        return null;
    }

    /** Returns whether the pixel centre at (dx, dy) from the shape's centre lies inside it. */
    private static boolean covers(int kind, double dx, double dy, int r) {
        return switch (kind) {
            case 0 -> Math.abs(dx) < r && Math.abs(dy) < r;
            case 1 -> dx * dx + dy * dy < (double) r * r;
            default -> {
                // apex at the top centre, base along the bottom of the box
                double down = dy + r;
                yield down > 0 && down < 2 * r && Math.abs(dx) < down / 2;
            }
        };
    }

    /** Returns a random colour with at least one channel at 0.7 or more: bright against the background. */
    private static float[] colour(int channels, Random random) {
        float[] colour = new float[channels];
        for (int c = 0; c < channels; c++) {
            colour[c] = random.nextFloat();
        }
        colour[random.nextInt(channels)] = 0.7f + 0.3f * random.nextFloat();
        return colour;
    }
}
