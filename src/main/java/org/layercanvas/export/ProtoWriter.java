package org.layercanvas.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one protocol-buffers message, field by field, in the wire format: enough of protobuf to
 * write ONNX files without generated classes. Repeated scalars are written unpacked, which every
 * proto2 and proto3 reader accepts.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED32 = 5;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes an integer field (int32, int64 or enum). */
    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** Writes each value as one more occurrence of a repeated integer field. */
    ProtoWriter varints(int field, long... values) {
        for (long v : values) {
            varint(field, v);
        }
        return this;
    }

    /** Writes a float field. */
    ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    /** Writes a string field as UTF-8. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a bytes field. */
    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Writes a nested message field. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toBytes());
    }

    /** Returns the encoded message. */
    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
