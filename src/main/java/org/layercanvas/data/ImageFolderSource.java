package org.layercanvas.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder with one subfolder per class, named after the class, holding that class's images
 * (PNG, JPEG, GIF or BMP). Each image is resized to {@code height × width} and becomes a sample of
 * shape {@code [channels, height, width]} (channels first): 1 channel of grey or 3 of red, green
 * and blue. Samples are read as raw values 0 to 255 and normalized with scale 1/255. Hidden files
 * and files of other types are skipped; transparent pixels count as black.
 *
 * @param folder the folder holding the class subfolders
 * @param height the height every image is resized to
 * @param width the width every image is resized to
 * @param channels 1 for greyscale, 3 for colour
 * @param validation the share of images kept for validation
 */
public record ImageFolderSource(Path folder, int height, int width, int channels, double validation)
        implements DataSource {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    /** Checks the parameters. */
    public ImageFolderSource {
        Objects.requireNonNull(folder, "folder");
        if (height < 1 || width < 1 || (channels != 1 && channels != 3) || !(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException(height + "×" + width + ", " + channels + " channels, validation "
                    + validation);
        }
    }

    @Override
    public DataSplits load(long seed) throws DataException {
        return DataSplits.split(describe(), read(), null, validation, seed, raw -> Normalization.PIXELS);
    }

    @Override
    public String describe() {
        Path name = folder.getFileName();
        return (name == null ? folder.toString() : name.toString()) + "/";
    }

    /** Reads every image, with raw pixel values 0 to 255. */
    public Examples read() throws DataException {
        if (!Files.isDirectory(folder)) {
            throw new DataException(describe() + ": no such folder (" + folder.toAbsolutePath() + ")");
        }
        List<Path> classFolders = list(folder).stream().filter(Files::isDirectory).toList();
        if (classFolders.isEmpty()) {
            throw new DataException(describe() + ": no class subfolders; put each class's images in a subfolder"
                    + " named after the class");
        }
        int per = channels * height * width;
        List<String> names = new ArrayList<>();
        List<float[]> samples = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (Path classFolder : classFolders) {
            String className = classFolder.getFileName().toString();
            List<Path> files = list(classFolder).stream().filter(ImageFolderSource::isImage).toList();
            if (files.isEmpty()) {
                throw new DataException(describe() + ": class folder \"" + className + "\" has no images"
                        + " (PNG, JPEG, GIF or BMP)");
            }
            for (Path file : files) {
                samples.add(pixels(file, describe() + className + "/" + file.getFileName(), channels, height, width));
                classes.add(names.size());
            }
            names.add(className);
        }
        float[] features = new float[samples.size() * per];
        float[] targets = new float[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i), 0, features, i * per, per);
            targets[i] = classes.get(i);
        }
        return new Examples(new int[] {channels, height, width}, features, TargetKind.CLASSES, 1, targets, names);
    }

    /**
     * Returns one image's raw pixels (0 to 255), resized to {@code height} × {@code width},
     * channels first, as the folder source reads its images.
     *
     * @param where how to name the image in an error message
     * @throws DataException when the file is not a readable image
     */
    public static float[] pixels(Path file, String where, int channels, int height, int width)
            throws DataException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(where + ": not a readable image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new DataException(where + ": not a readable image");
        }
        BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        int plane = height * width;
        float[] values = new float[channels * plane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = resized.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int gr = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int at = y * width + x;
                if (channels == 1) {
                    // Luma weights of ITU-R BT.601, as most image tools use for "greyscale".
                    values[at] = Math.round(0.299f * r + 0.587f * gr + 0.114f * b);
                } else {
                    values[at] = r;
                    values[plane + at] = gr;
                    values[2 * plane + at] = b;
                }
            }
        }
        return values;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && Files.isRegularFile(file)
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Lists a folder's entries sorted by name, leaving out hidden ones. */
    private List<Path> list(Path dir) throws DataException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataException(describe() + ": cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
