package org.layercanvas.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.layercanvas.onnx.proto.TensorProto;

/**
 * A constant tensor of an ONNX graph (an initializer or a Constant's value), decoded to floats or to
 * whole numbers.
 *
 * @param dims its dimensions
 * @param floats its values, for floating-point tensors; {@code null} otherwise
 * @param longs its values, for integer and boolean tensors; {@code null} otherwise
 */
record Constant(long[] dims, float[] floats, long[] longs) {
    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int UINT16 = 4;
    private static final int INT16 = 5;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int BOOL = 9;
    private static final int DOUBLE = 11;
    private static final int UINT32 = 12;

    /**
     * Decodes a tensor.
     *
     * @param where how a message names the tensor, e.g. {@code model.onnx: initializer 'fc.weight'}
     * @throws OnnxImportException when its data is elsewhere, of an unsupported type, or does not fit its dims
     */
    static Constant decode(TensorProto t, String where) throws OnnxImportException {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            String location = t.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
                    .map(e -> " ('" + e.getValue() + "')").findFirst().orElse("");
            throw new OnnxImportException(where + " keeps its weights in an external data file" + location
                    + ", which LayerCanvas does not read; save the model with its weights inside it"
                    + " (onnx.save_model(model, path, save_as_external_data=False))");
        }
        long count = 1;
        for (long d : t.getDimsList()) {
            if (d < 0) {
                throw new OnnxImportException(where + " has a negative dimension " + d);
            }
            count = Math.multiplyExact(count, d);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new OnnxImportException(where + " has " + count + " values, more than one array can hold");
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int n = (int) count;
        ByteString raw = t.getRawData();
        boolean hasRaw = t.hasRawData();
        int type = t.getDataType();
        float[] floats = null;
        long[] longs = null;
        switch (type) {
            case FLOAT -> floats = hasRaw ? rawFloats(raw, n, where) : toArray(t.getFloatDataList().toArray(new Float[0]));
            case DOUBLE -> {
                double[] d = hasRaw ? rawDoubles(raw, n, where) : t.getDoubleDataList().stream().mapToDouble(x -> x).toArray();
                floats = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    floats[i] = (float) d[i];
                }
            }
            case INT64 -> longs = hasRaw ? rawInts(raw, n, 8, where) : t.getInt64DataList().stream().mapToLong(x -> x).toArray();
            case INT32, UINT32 -> longs = hasRaw ? rawInts(raw, n, 4, where) : ints(t);
            case INT16, UINT16 -> longs = hasRaw ? rawInts(raw, n, 2, where) : ints(t);
            case INT8, UINT8, BOOL -> longs = hasRaw ? rawInts(raw, n, 1, where) : ints(t);
            default -> throw new OnnxImportException(where + " has element type " + type
                    + " (" + typeName(type) + "); LayerCanvas reads float, double and integer tensors");
        }
        int got = floats != null ? floats.length : longs.length;
        if (got != n) {
            throw new OnnxImportException(where + " has " + got + " values but its dimensions "
                    + Arrays.toString(dims) + " need " + n);
        }
        return new Constant(dims, floats, longs);
    }

    private static String typeName(int type) {
        TensorProto.DataType known = TensorProto.DataType.forNumber(type);
        return known == null ? "unknown" : known.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static long[] ints(TensorProto t) {
        return t.getInt32DataList().stream().mapToLong(Integer::longValue).toArray();
    }

    private static float[] toArray(Float[] boxed) {
        float[] f = new float[boxed.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = boxed[i];
        }
        return f;
    }

    private static ByteBuffer buffer(ByteString raw, int n, int width, String where) throws OnnxImportException {
        if (raw.size() != (long) n * width) {
            throw new OnnxImportException(where + " holds " + raw.size() + " bytes of data but its dimensions need "
                    + (long) n * width);
        }
        return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] rawFloats(ByteString raw, int n, String where) throws OnnxImportException {
        float[] f = new float[n];
        buffer(raw, n, 4, where).asFloatBuffer().get(f);
        return f;
    }

    private static double[] rawDoubles(ByteString raw, int n, String where) throws OnnxImportException {
        double[] d = new double[n];
        buffer(raw, n, 8, where).asDoubleBuffer().get(d);
        return d;
    }

    private static long[] rawInts(ByteString raw, int n, int width, String where) throws OnnxImportException {
        ByteBuffer b = buffer(raw, n, width, where);
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = switch (width) {
                case 8 -> b.getLong(i * 8);
                case 4 -> b.getInt(i * 4);
                case 2 -> b.getShort(i * 2);
                default -> b.get(i);
            };
        }
        return l;
    }

    /** Returns the number of values. */
    int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** Returns the values as floats, whatever the element type. */
    float[] asFloats() {
        if (floats != null) {
            return floats;
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return f;
    }

    /** Returns the values as whole numbers, whatever the element type. */
    long[] asLongs() {
        if (longs != null) {
            return longs;
        }
        long[] l = new long[floats.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) floats[i];
        }
        return l;
    }

    /** Returns whether this is one value (of any rank), equal to {@code expected} within a relative 1e-4. */
    boolean isScalar(double expected) {
        if (size() != 1) {
            return false;
        }
        double v = asFloats()[0];
        return Math.abs(v - expected) <= 1e-4 * Math.max(1, Math.abs(expected));
    }
}
