package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {
    @TempDir
    Path dir;

    /** Writes a {@code size × size} image filled with one colour, in the format its name ends with. */
    private Path image(String classFolder, String name, Color color, int size) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pets").resolve(classFolder));
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.dispose();
        Path file = folder.resolve(name);
        ImageIO.write(image, name.substring(name.lastIndexOf('.') + 1), file.toFile());
        return file;
    }

    private ImageFolderSource source(int channels) {
        return new ImageFolderSource(dir.resolve("pets"), 4, 6, channels, 0.2);
    }

    private void twoClasses() throws IOException {
        for (int i = 0; i < 5; i++) {
            image("cats", "cat" + i + ".png", new Color(200, 100, 50), 20);
            image("dogs", "dog" + i + ".bmp", new Color(0, 0, 255), 10);
        }
    }

    @Test
    void subfoldersAreClassesInSortedOrderAndImagesAreResized() throws IOException, DataException {
        image("zebras", "z.png", Color.WHITE, 8);
        twoClasses();

        Examples all = source(3).read();

        assertThat(all.classNames()).containsExactly("cats", "dogs", "zebras");
        assertThat(all.classCounts()).containsExactly(5, 5, 1);
        assertThat(all.sampleShape()).containsExactly(3, 4, 6);
    }

    @Test
    void colourImagesAreChannelsFirstRedGreenBlue() throws IOException, DataException {
        twoClasses();

        Examples all = source(3).read();

        int plane = 4 * 6;
        float[] cat = Arrays.copyOfRange(all.features(), 0, 3 * plane);
        assertThat(all.targets()[0]).isEqualTo(0f);
        assertThat(cat[0]).isEqualTo(200f);
        assertThat(cat[plane - 1]).isEqualTo(200f);
        assertThat(cat[plane]).isEqualTo(100f);
        assertThat(cat[2 * plane + 5]).isEqualTo(50f);
    }

    @Test
    void greyImagesHaveOneChannelOfLuma() throws IOException, DataException {
        twoClasses();

        Examples all = source(1).read();

        assertThat(all.sampleShape()).containsExactly(1, 4, 6);
        assertThat(all.features()[0]).isEqualTo(Math.round(0.299f * 200 + 0.587f * 100 + 0.114f * 50));
        int firstDog = 5 * 24;
        assertThat(all.features()[firstDog]).isEqualTo(Math.round(0.114f * 255));
    }

    @Test
    void pixelsReachTheNetworkScaledToZeroToOne() throws IOException, DataException {
        twoClasses();

        DataSplits splits = source(3).load(1);

        assertThat(splits.normalization().scale()).isEqualTo(1f / 255);
        assertThat(splits.validation().size()).isEqualTo(2);
        assertThat(splits.validation().classCounts()).containsExactly(1, 1);
        for (float v : splits.train().features()) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(splits.description()).isEqualTo("pets/: 10 samples (8 training, 2 validation), samples of 3×4×6,"
                + " 2 classes");
    }

    @Test
    void jpegAndGifAreReadAndOtherFilesSkipped() throws IOException, DataException {
        image("cats", "a.jpg", Color.GRAY, 12);
        image("cats", "b.gif", Color.GRAY, 12);
        image("dogs", "c.png", Color.GRAY, 12);
        Files.writeString(dir.resolve("pets/dogs/notes.txt"), "not an image");
        Files.writeString(dir.resolve("pets/dogs/.hidden.png"), "editor junk");
        Files.createDirectories(dir.resolve("pets/.thumbnails"));
        Files.writeString(dir.resolve("pets/README.md"), "about the pets");

        Examples all = source(1).read();

        assertThat(all.classNames()).containsExactly("cats", "dogs");
        assertThat(all.classCounts()).containsExactly(2, 1);
        assertThat((double) all.features()[0]).isCloseTo(128, within(2.0));
    }

    @Test
    void missingFolderIsReported() {
        Path folder = dir.resolve("nowhere");

        assertThatThrownBy(() -> new ImageFolderSource(folder, 4, 4, 1, 0.2).read())
                .isInstanceOf(DataException.class)
                .hasMessage("nowhere/: no such folder (" + folder.toAbsolutePath() + ")");
    }

    @Test
    void folderWithoutClassSubfoldersIsReported() throws IOException {
        Files.createDirectories(dir.resolve("pets"));
        Files.writeString(dir.resolve("pets/cat.png"), "x");

        assertThatThrownBy(() -> source(1).read())
                .hasMessage("pets/: no class subfolders; put each class's images in a subfolder named after the class");
    }

    @Test
    void classFolderWithoutImagesIsReported() throws IOException {
        image("cats", "a.png", Color.GRAY, 4);
        Files.createDirectories(dir.resolve("pets/dogs"));
        Files.writeString(dir.resolve("pets/dogs/list.txt"), "rex");

        assertThatThrownBy(() -> source(1).read())
                .hasMessage("pets/: class folder \"dogs\" has no images (PNG, JPEG, GIF or BMP)");
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        image("cats", "a.png", Color.GRAY, 4);
        Files.writeString(dir.resolve("pets/cats/broken.png"), "this is not a PNG");

        assertThatThrownBy(() -> source(1).read()).hasMessageStartingWith("pets/cats/broken.png: not a readable image");
    }
}
