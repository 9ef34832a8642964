package org.layercanvas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchSaveWriterTest {

    @Test
    void writesTorchSavesLayoutWithUncompressedEntries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weights.pt");
        new TorchSaveWriter().floats("fc.weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .longs("bn.num_batches_tracked", new long[0], new long[] {7}).write(file, "weights");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            assertThat(entries).extracting(ZipEntry::getName)
                    .containsExactly("weights/data.pkl", "weights/data/0", "weights/data/1", "weights/version",
                            "weights/byteorder");
            assertThat(entries).allMatch(e -> e.getMethod() == ZipEntry.STORED);
            assertThat(zip.getInputStream(zip.getEntry("weights/version")).readAllBytes()).isEqualTo("3\n".getBytes());
            assertThat(zip.getEntry("weights/data/0").getSize()).isEqualTo(24);
            assertThat(zip.getEntry("weights/data/1").getSize()).isEqualTo(8);
        }
    }

    @Test
    void everyEntrysBytesStartOnA64ByteBoundaryAsTorchSaveAlignsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.pt");
        new TorchSaveWriter().floats("a", new long[] {3}, new float[] {1, 2, 3})
                .floats("a_much_longer_name", new long[] {5}, new float[5]).write(file, "w");
        ByteBuffer zip = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int entries = 0;
        for (int at = 0; zip.getInt(at) == 0x04034b50; entries++) {
            int size = zip.getInt(at + 18);
            int dataStart = at + 30 + zip.getShort(at + 26) + zip.getShort(at + 28);
            assertThat(dataStart % 64).as("entry %d", entries).isZero();
            at = dataStart + size;
        }
        assertThat(entries).isEqualTo(5);
    }

    @Test
    void refusesValuesThatDoNotFillTheShape() {
        assertThatThrownBy(() -> new TorchSaveWriter().floats("w", new long[] {2, 2}, new float[3]))
                .hasMessageContaining("4 values");
    }

    @Test
    void pytorchLoadsTheTensorsWithWeightsOnly(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        Path file = dir.resolve("weights.pt");
        new TorchSaveWriter().floats("fc.weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f})
                .floats("fc.bias", new long[] {2}, new float[] {0.25f, 1e-8f})
                .longs("bn.num_batches_tracked", new long[0], new long[] {7})
                .longs("ids", new long[] {1, 2}, new long[] {Long.MAX_VALUE, -3}).write(file, "weights");
        String out = python.run(dir, Duration.ofSeconds(120), "-c", String.join("\n",
                "import torch",
                "d = torch.load('weights.pt', weights_only=True)",
                "print(type(d).__name__, list(d.keys()))",
                "for k, v in d.items(): print(k, v.dtype, tuple(v.shape), v.flatten().tolist())"));
        assertThat(out.lines()).containsExactly(
                "OrderedDict ['fc.weight', 'fc.bias', 'bn.num_batches_tracked', 'ids']",
                "fc.weight torch.float32 (2, 3) [1.0, 2.0, 3.0, 4.0, 5.0, -6.5]",
                "fc.bias torch.float32 (2,) [0.25, 9.99999993922529e-09]",
                "bn.num_batches_tracked torch.int64 () [7]",
                "ids torch.int64 (1, 2) [9223372036854775807, -3]");
    }
}
