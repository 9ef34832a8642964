package org.layercanvas.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Images and labels in IDX files (the MNIST format), plain or gzip-compressed, optionally with a
 * second pair held out as the test set. Samples have shape {@code [1, height, width]}; they are
 * read as raw pixel values 0 to 255 and normalized with scale 1/255, so the network sees 0 to 1.
 * Class {@code i} is named {@code "i"}, for every label value up to the largest one present.
 *
 * @param images the training images file
 * @param labels the training labels file
 * @param testImages the test images file, or {@code null}
 * @param testLabels the test labels file, or {@code null} (given exactly when {@code testImages} is)
 * @param validation the share of the training samples kept for validation
 * @param limit the most samples read from each file, counted from its start
 */
public record IdxSource(Path images, Path labels, Path testImages, Path testLabels, double validation, int limit)
        implements DataSource {
    /** The limit that reads every sample. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    /** Checks the parameters. */
    public IdxSource {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if ((testImages == null) != (testLabels == null)) {
            throw new IllegalArgumentException("test images and test labels come together");
        }
        if (!(validation > 0 && validation < 1) || limit < 1) {
            throw new IllegalArgumentException("validation " + validation + ", limit " + limit);
        }
    }

    @Override
    public DataSplits load(long seed) throws DataException {
        Pair train = read(images, labels);
        Pair test = testImages == null ? null : read(testImages, testLabels);
        if (test != null && (test.images().height() != train.images().height()
                || test.images().width() != train.images().width())) {
            throw new DataException(testImages.getFileName() + " has images of " + test.images().height() + "×"
                    + test.images().width() + " but " + images.getFileName() + " has " + train.images().height()
                    + "×" + train.images().width());
        }
        int classes = Math.max(train.largestLabel(), test == null ? 0 : test.largestLabel()) + 1;
        Examples all = train.examples(classes);
        return DataSplits.split(describe(), all, test == null ? null : test.examples(classes), validation, seed,
                raw -> Normalization.PIXELS);
    }

    @Override
    public String describe() {
        return images.getFileName().toString();
    }

    private Pair read(Path imageFile, Path labelFile) throws DataException {
        int imageCount = IdxCodec.count(imageFile);
        int labelCount = IdxCodec.count(labelFile);
        if (imageCount != labelCount) {
            throw new DataException(imageFile.getFileName() + " has " + imageCount + " images but "
                    + labelFile.getFileName() + " has " + labelCount + " labels; they must pair up one to one");
        }
        return new Pair(IdxCodec.readImages(imageFile, limit), IdxCodec.readLabels(labelFile, limit));
    }

    /** Images with their labels, as read. */
    private record Pair(IdxCodec.Images images, byte[] labels) {
        int largestLabel() {
            int largest = 0;
            for (byte b : labels) {
                largest = Math.max(largest, b & 0xFF);
            }
            return largest;
        }

        Examples examples(int classes) {
            byte[] pixels = images.pixels();
            float[] features = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                features[i] = pixels[i] & 0xFF;
            }
            float[] targets = new float[labels.length];
            for (int i = 0; i < labels.length; i++) {
                targets[i] = labels[i] & 0xFF;
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                names.add(String.valueOf(c));
            }
            return new Examples(new int[] {1, images.height(), images.width()}, features, TargetKind.CLASSES, 1,
                    targets, names);
        }
    }
}
