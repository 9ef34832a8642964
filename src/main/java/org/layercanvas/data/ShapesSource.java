package org.layercanvas.data;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Images of coloured squares, circles and triangles on a noisy background, generated from the seed so
 * nothing is read from disk, with a target for each of three tasks: the shape (classify, one shape
 * per image), a mask of which shape covers each pixel (segment: background and the three shapes, one
 * to three shapes per image), or the image itself (reconstruct, for autoencoders).
 *
 * <p>Features are {@code [channels, height, width]} in 0 to 1 and are not normalized, so that a
 * reconstruction's target is exactly what the network sees.
 *
 * @param task what the network learns
 * @param channels 1 (grey) or 3 (colour)
 * @param height the image height in pixels
 * @param width the image width in pixels
 * @param count the number of images in total, before the split
 * @param noise the standard deviation of the background's noise
 * @param validation the share of images kept for validation
 */
public record ShapesSource(Task task, int channels, int height, int width, int count, double noise,
        double validation) implements DataSource {
    /** The most feature values a set may hold, so that it fits in memory (and in one Java array). */
    public static final long MOST_VALUES = 64L << 20;
    /** The smallest side an image may have: room for a shape two pixels across. */
    public static final int SMALLEST_SIDE = 8;
    private static final int MOST_SHAPES = 3;

    /** What the network learns from the images. */
    public enum Task {
        /** Which of the three shapes the image holds. */
        CLASSIFY,
        /** For each pixel, the background or the shape that covers it. */
        SEGMENT,
        /** The image itself. */
        RECONSTRUCT;

        /** Returns the name used in design files, e.g. {@code segment}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the parameters. */
    public ShapesSource {
        if (task == null || (channels != 1 && channels != 3) || height < SMALLEST_SIDE || width < SMALLEST_SIDE
                || count < 2 || !(noise >= 0) || !(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException(task + " " + channels + " " + height + "×" + width + " " + count + " "
                    + noise + " " + validation);
        }
        if (values(count, channels, height, width) > MOST_VALUES) {
            throw new IllegalArgumentException(count + " images of " + channels + "×" + height + "×" + width
                    + " are too many values");
        }
    }

    /** Returns how many feature values {@code count} images of this size hold. */
    public static long values(int count, int channels, int height, int width) {
        return (long) count * channels * height * width;
    }

    /** Returns the images and their targets before the split: the same seed, the same images. */
    public Examples generate(long seed) {
        ShapeImages.Drawn drawn = ShapeImages.draw(count, channels, height, width,
                task == Task.CLASSIFY ? 1 : MOST_SHAPES, noise, new Random(seed));
        int[] shape = {channels, height, width};
        return switch (task) {
            case CLASSIFY -> new Examples(shape, drawn.images(), TargetKind.CLASSES, 1, floats(drawn.labels()),
                    ShapeImages.SHAPES);
            case SEGMENT -> new Examples(shape, drawn.images(), TargetKind.POSITION_CLASSES, new int[] {height, width},
                    floats(drawn.masks()), ShapeImages.MASK_CLASSES);
            // the same array: a reconstruction's target is its input
            case RECONSTRUCT -> new Examples(shape, drawn.images(), TargetKind.VALUES, shape, drawn.images(),
                    List.of());
        };
    }

    private static float[] floats(int[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = values[i];
        }
        return f;
    }

    @Override
    public DataSplits load(long seed) throws DataException {
        return DataSplits.split(describe(), generate(seed), null, validation, seed, train -> Normalization.NONE);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "shapes (%d of %d×%d×%d, %s)", count, channels, height, width, task.key());
    }
}
