package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxSourceTest {
    private static final Path MNIST = Path.of("samples/data/mnist");

    @TempDir
    Path dir;

    /** Writes {@code n} images of 2×3 whose pixels are all {@code i + 1}, with labels {@code i % 3}. */
    private Path[] pair(String prefix, int n, boolean gzip) throws IOException {
        byte[] pixels = new byte[n * 6];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 3);
            Arrays.fill(pixels, i * 6, i * 6 + 6, (byte) (i + 1));
        }
        Path images = dir.resolve(prefix + "-images.idx");
        Path labelFile = dir.resolve(prefix + "-labels.idx");
        IdxCodec.writeImages(images, new IdxCodec.Images(n, 2, 3, pixels), gzip);
        IdxCodec.writeLabels(labelFile, labels, gzip);
        return new Path[] {images, labelFile};
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsPlainAndGzipFilesWhateverTheirNames(boolean gzip) throws IOException, DataException {
        Path[] files = pair("train", 30, gzip);
        assertThat(Files.readAllBytes(files[0])[0]).isEqualTo(gzip ? (byte) 0x1f : 0);

        DataSplits splits = new IdxSource(files[0], files[1], null, null, 0.2, IdxSource.NO_LIMIT).load(1);

        assertThat(splits.train().sampleShape()).containsExactly(1, 2, 3);
        assertThat(splits.train().size() + splits.validation().size()).isEqualTo(30);
        assertThat(splits.train().classNames()).containsExactly("0", "1", "2");
        Examples train = splits.train();
        for (int s = 0; s < train.size(); s++) {
            float first = train.features()[s * 6];
            // Every pixel of a sample is equal, and its class is the one it was written with.
            for (int p = 1; p < 6; p++) {
                assertThat(train.features()[s * 6 + p]).isEqualTo(first);
            }
            int written = Math.round(first * 255) - 1;
            assertThat(train.targets()[s]).isEqualTo(written % 3);
        }
    }

    @Test
    void pixelsReachTheNetworkScaledToZeroToOne() throws IOException, DataException {
        Path[] files = pair("train", 10, false);

        DataSplits splits = new IdxSource(files[0], files[1], null, null, 0.2, IdxSource.NO_LIMIT).load(1);

        assertThat(splits.normalization().scale()).isEqualTo(1f / 255);
        float[] seen = new float[11];
        for (Examples part : new Examples[] {splits.train(), splits.validation()}) {
            for (float v : part.features()) {
                seen[Math.round(v * 255)] = v;
            }
        }
        for (int raw = 1; raw <= 10; raw++) {
            assertThat(seen[raw]).isCloseTo(raw / 255f, within(1e-7f));
        }
    }

    @Test
    void testPairBecomesTheHeldOutTestSet() throws IOException, DataException {
        Path[] train = pair("train", 20, true);
        Path[] test = pair("test", 7, false);

        DataSplits splits = new IdxSource(train[0], train[1], test[0], test[1], 0.25, IdxSource.NO_LIMIT).load(1);

        assertThat(splits.test().size()).isEqualTo(7);
        assertThat(splits.validation().size()).isEqualTo(5);
        assertThat(splits.test().targets()).containsExactly(0, 1, 2, 0, 1, 2, 0);
        assertThat(splits.test().features()[0]).isEqualTo(1 / 255f);
    }

    @Test
    void limitReadsOnlyTheFirstSamples() throws IOException, DataException {
        Path[] files = pair("train", 30, true);

        DataSplits splits = new IdxSource(files[0], files[1], null, null, 0.2, 10).load(1);

        assertThat(splits.train().size() + splits.validation().size()).isEqualTo(10);
    }

    @Test
    void wrongMagicNumberNamesTheFile() throws IOException {
        Path[] files = pair("train", 5, false);

        assertThatThrownBy(() -> new IdxSource(files[1], files[0], null, null, 0.2, IdxSource.NO_LIMIT).load(1))
                .isInstanceOf(DataException.class)
                .hasMessage("train-labels.idx: not an IDX images file: it starts with 0x00000801 (IDX labels),"
                        + " expected 0x00000803");
    }

    @Test
    void textFileIsNotAnIdxFile() throws IOException {
        Path[] files = pair("train", 5, false);
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello world");

        assertThatThrownBy(() -> new IdxSource(text, files[1], null, null, 0.2, IdxSource.NO_LIMIT).load(1))
                .hasMessageStartingWith("notes.txt: not an IDX file of images or labels (not IDX)");
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path[] five = pair("five", 5, false);
        Path[] six = pair("six", 6, false);

        assertThatThrownBy(() -> new IdxSource(five[0], six[1], null, null, 0.2, IdxSource.NO_LIMIT).load(1))
                .hasMessage("five-images.idx has 5 images but six-labels.idx has 6 labels;"
                        + " they must pair up one to one");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedImagesFileIsReported(boolean gzip) throws IOException {
        Path[] files = pair("train", 100, gzip);
        byte[] whole = Files.readAllBytes(files[0]);
        Files.write(files[0], Arrays.copyOf(whole, gzip ? whole.length / 2 : 16 + 6 * 40 + 3));

        assertThatThrownBy(() -> new IdxSource(files[0], files[1], null, null, 0.2, IdxSource.NO_LIMIT).load(1))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("train-images.idx is truncated: its header promises 100 images of 2×3,"
                        + " but it ends after ");
    }

    @Test
    void truncatedLabelsFileIsReported() throws IOException {
        Path[] files = pair("train", 100, false);
        byte[] whole = Files.readAllBytes(files[1]);
        Files.write(files[1], Arrays.copyOf(whole, whole.length - 1));

        assertThatThrownBy(() -> new IdxSource(files[0], files[1], null, null, 0.2, IdxSource.NO_LIMIT).load(1))
                .hasMessage("train-labels.idx is truncated: its header promises 100 labels, but it ends after 99");
    }

    @Test
    void missingFileNamesIt() {
        Path absent = dir.resolve("absent.idx");

        assertThatThrownBy(() -> new IdxSource(absent, absent, null, null, 0.2, IdxSource.NO_LIMIT).load(1))
                .hasMessage("absent.idx: no such file (" + absent.toAbsolutePath() + ")");
    }

    @Test
    void shippedMnistSubsetHasTenDigitsAndATestSet() throws DataException {
        DataSplits splits = new IdxSource(MNIST.resolve("train-images-idx3-ubyte.gz"),
                MNIST.resolve("train-labels-idx1-ubyte.gz"), MNIST.resolve("t10k-images-idx3-ubyte.gz"),
                MNIST.resolve("t10k-labels-idx1-ubyte.gz"), 0.1, IdxSource.NO_LIMIT).load(1);

        assertThat(splits.train().size()).isEqualTo(7200);
        assertThat(splits.validation().size()).isEqualTo(800);
        assertThat(splits.test().size()).isEqualTo(2000);
        assertThat(splits.train().sampleShape()).containsExactly(1, 28, 28);
        assertThat(splits.train().classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        for (int count : splits.test().classCounts()) {
            assertThat(count).isBetween(150, 250);
        }
        // Digits are dark strokes on a black background: mostly zeros, some full-white pixels.
        float[] f = splits.test().features();
        long zeros = 0;
        float max = 0;
        for (float v : f) {
            zeros += v == 0 ? 1 : 0;
            max = Math.max(max, v);
        }
        assertThat((double) zeros / f.length).isCloseTo(0.8, within(0.1));
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void aTruncatedGzipFileSaysHowManyImagesItHolds() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] whole = Files.readAllBytes(MNIST.resolve("train-images-idx3-ubyte.gz"));
        Files.write(images, Arrays.copyOf(whole, whole.length / 2));
        Path labels = MNIST.resolve("train-labels-idx1-ubyte.gz");

        assertThatThrownBy(() -> new IdxSource(images, labels, null, null, 0.2, IdxSource.NO_LIMIT).load(1))
                .isInstanceOf(DataException.class)
                .hasMessageMatching("train-images-idx3-ubyte\\.gz is truncated: its header promises 8000 images of"
                        + " 28×28, but it ends after (3\\d{3}|4[0-4]\\d{2}) of them");
    }
}
