package org.layercanvas.export;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes named tensors in the file format of PyTorch's {@code torch.save}: a zip archive (entries
 * stored, not compressed) holding a pickle of an {@code OrderedDict} of tensors ({@code data.pkl}),
 * each tensor's values as raw little-endian bytes ({@code data/<key>}) and the format version. Such
 * a file loads with {@code torch.load(path, weights_only=True)}, so the exports need no pickle
 * library and PyTorch needs nothing from LayerCanvas to read them.
 */
final class TorchSaveWriter {
    /** torch.save aligns each tensor's bytes to this many bytes in the archive; the reader may map them. */
    private static final int ALIGNMENT = 64;
    /** The extra-field id torch.save pads local headers with ("FB"). */
    private static final int PADDING_FIELD = 0x4246;
    /** 1980-01-02, inside the zip's DOS time range, so entries carry no extended timestamps. */
    private static final long ENTRY_TIME = 315_619_200_000L;

    private final Map<String, Stored> tensors = new LinkedHashMap<>();

    /** One tensor: its storage class, dimensions and bytes. */
    private record Stored(String storage, long[] shape, byte[] bytes) {
        long numel() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** Adds a float32 tensor under {@code name}; {@code values} are row-major. */
    TorchSaveWriter floats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return add(name, new Stored("FloatStorage", shape.clone(), b.array()), values.length);
    }

    /** Adds an int64 tensor under {@code name}; {@code values} are row-major. */
    TorchSaveWriter longs(String name, long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return add(name, new Stored("LongStorage", shape.clone(), b.array()), values.length);
    }

    private TorchSaveWriter add(String name, Stored tensor, int count) {
        if (tensor.numel() != count) {
            throw new IllegalArgumentException(name + ": shape holds " + tensor.numel() + " values, got " + count);
        }
        if (tensors.putIfAbsent(name, tensor) != null) {
            throw new IllegalArgumentException("a tensor named " + name + " was already added");
        }
        return this;
    }

    /**
     * Writes the tensors added so far to {@code file}.
     *
     * @param archive the folder name inside the zip, by torch.save's habit the file's stem
     */
    void write(Path file, String archive) throws IOException {
        try (CountingStream counted = new CountingStream(
                new BufferedOutputStream(Files.newOutputStream(file)));
                ZipOutputStream zip = new ZipOutputStream(counted)) {
            store(zip, counted, archive + "/data.pkl", pickle());
            int key = 0;
            for (Stored t : tensors.values()) {
                store(zip, counted, archive + "/data/" + key++, t.bytes());
            }
            store(zip, counted, archive + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            // PyTorch 2.1 and later read the byte order from here; 1.13 assumes little-endian
            store(zip, counted, archive + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void store(ZipOutputStream zip, CountingStream counted, String name, byte[] bytes)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setTime(ENTRY_TIME);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        // the local header is 30 bytes, the name, then the extra field (4 bytes of id and size + padding)
        long dataStart = counted.count + 30 + nameBytes.length + 4;
        int pad = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
        ByteBuffer extra = ByteBuffer.allocate(4 + pad).order(ByteOrder.LITTLE_ENDIAN);
        extra.putShort((short) PADDING_FIELD).putShort((short) pad);
        entry.setExtra(extra.array());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The pickle (protocol 2) of an OrderedDict whose values rebuild tensors from the stored bytes. */
    private byte[] pickle() {
        Pickle p = new Pickle();
        p.proto();
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        p.mark();
        int key = 0;
        for (Map.Entry<String, Stored> e : tensors.entrySet()) {
            Stored t = e.getValue();
            p.string(e.getKey());
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.mark();
            p.mark().string("storage").global("torch", t.storage()).string(String.valueOf(key++)).string("cpu")
                    .integer(t.numel()).tuple().persistentId();
            p.integer(0);
            p.mark();
            for (long d : t.shape()) {
                p.integer(d);
            }
            p.tuple();
            p.mark();
            for (long s : strides(t.shape())) {
                p.integer(s);
            }
            p.tuple();
            p.bool(false);
            p.global("collections", "OrderedDict").emptyTuple().reduce();
            p.tuple().reduce();
        }
        p.setItems();
        p.stop();
        return p.bytes();
    }

    private static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = step;
            step *= shape[i];
        }
        return strides;
    }

    /** The few pickle opcodes the state dict needs. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void proto() {
            out.write(0x80);
            out.write(2);
        }

        Pickle global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Pickle emptyTuple() {
            out.write(')');
            return this;
        }

        Pickle reduce() {
            out.write('R');
            return this;
        }

        Pickle mark() {
            out.write('(');
            return this;
        }

        Pickle tuple() {
            out.write('t');
            return this;
        }

        void persistentId() {
            out.write('Q');
        }

        void setItems() {
            out.write('u');
        }

        void stop() {
            out.write('.');
        }

        void bool(boolean value) {
            out.write(value ? 0x88 : 0x89);
        }

        Pickle string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
            out.writeBytes(utf8);
            return this;
        }

        Pickle integer(long value) {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                // LONG1: a length byte and the value in little-endian two's complement
                out.write(0x8a);
                out.write(8);
                out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
            } else {
                out.write('J');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Counts the bytes written, so each entry's data can be placed on an aligned offset. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
