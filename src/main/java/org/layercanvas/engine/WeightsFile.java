package org.layercanvas.engine;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes a block's weights as a DJL params file, and a checkpoint's {@link TrainingState}
 * with them. A checkpoint is one file, written in one rename: a header ({@code LCCKPT}, version, the
 * state as JSON, the optimizer's arrays) and then the DJL params, exactly as {@code saveParameters}
 * writes them. A file without the header is weights alone (final weights, and checkpoints of versions
 * before the state was kept), and reads as before.
 */
final class WeightsFile {
    private static final byte[] MAGIC = {'L', 'C', 'C', 'K', 'P', 'T', 0, 1};
    private static final int END_OF_STATE = 0x4C43454E;
    private static final int MAX_HEADER = 1 << 20;
    private static final int MAX_SLOTS = 4;
    private static final String DAMAGED = "The file is damaged: resume the run from an earlier checkpoint, or train"
            + " it again.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WeightsFile() {
    }

    /** Writes the block's weights alone to {@code file}, replacing it in one rename. */
    static void save(Block block, Path file) throws IOException {
        save(file.toAbsolutePath().getParent(), block, file, null);
    }

    /**
     * Writes the block's weights, and the training state when there is one, to {@code file} inside the
     * run folder {@code runDir}, replacing it in one rename and following no link.
     */
    static void save(Path runDir, Block block, Path file, TrainingState state) throws IOException {
        RunFileWriter.write(runDir, file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            if (state != null) {
                writeState(data, state);
            }
            block.saveParameters(data);
            data.flush();
        });
    }

    /**
     * Loads weights into an initialized block and returns the training state the file carries.
     *
     * @return the state of a checkpoint written with one; empty for weights alone
     * @throws RunFolderException when the file is truncated, damaged or holds weights of another design
     * @throws IOException when the file cannot be read
     */
    static Optional<TrainingState> load(Block block, NDManager manager, Path file) throws IOException {
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            Optional<TrainingState> state = Optional.empty();
            if (hasHeader(data)) {
                state = Optional.of(readState(data, file, Files.size(file), true));
            }
            try {
                block.loadParameters(manager, data);
            } catch (EOFException e) {
                throw new RunFolderException(file + " is truncated: it ends before all of the design's weights"
                        + " were read.", DAMAGED, e);
            } catch (MalformedModelException | RuntimeException e) {
                throw new RunFolderException(file + " does not hold weights of this design: " + e.getMessage(),
                        "Its design.json may have been changed after training, or the file is damaged.", e);
            }
            return state;
        }
    }

    /**
     * Returns the training state a file carries without its optimizer arrays (their slots are left
     * out), reading only its header; empty for weights alone.
     */
    static Optional<TrainingState> peek(Path file) throws IOException {
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 12))) {
            return hasHeader(data) ? Optional.of(readState(data, file, Files.size(file), false)) : Optional.empty();
        }
    }

    private static boolean hasHeader(DataInputStream data) throws IOException {
        data.mark(MAGIC.length);
        byte[] start = data.readNBytes(MAGIC.length);
        if (Arrays.equals(start, MAGIC)) {
            return true;
        }
        data.reset();
        return false;
    }

    private static void writeState(DataOutputStream out, TrainingState s) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("optimizer", s.optimizer());
        header.put("epoch", s.epoch());
        header.put("batch", s.batch());
        header.put("step", s.step());
        header.put("updates", s.updates());
        // as bits: a decimal rendering would have to round-trip exactly for the epoch's loss to match
        header.put("lossSumBits", Double.doubleToRawLongBits(s.lossSum()));
        header.put("seen", s.seen());
        header.put("metricSumBits", Float.floatToRawIntBits(s.metricSum()));
        ArrayNode slots = header.putArray("slots");
        int positions = 0;
        for (TrainingState.Slot slot : s.slots()) {
            slots.add(slot.name());
            positions = Math.max(positions, slot.values().length);
        }
        header.put("parameters", positions);
        byte[] json = JSON.writeValueAsBytes(header);
        out.write(MAGIC);
        out.writeInt(json.length);
        out.write(json);
        for (TrainingState.Slot slot : s.slots()) {
            for (int p = 0; p < positions; p++) {
                float[] values = p < slot.values().length ? slot.values()[p] : null;
                if (values == null) {
                    out.writeInt(-1);
                    continue;
                }
                out.writeInt(values.length);
                ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
                bytes.asFloatBuffer().put(values);
                out.write(bytes.array());
            }
        }
        out.writeInt(END_OF_STATE);
    }

    private static TrainingState readState(DataInputStream in, Path file, long fileSize, boolean withSlots)
            throws IOException {
        try {
            int length = in.readInt();
            if (length <= 0 || length > MAX_HEADER) {
                throw damaged(file, "its header says " + length + " bytes");
            }
            byte[] json = in.readNBytes(length);
            if (json.length < length) {
                throw new EOFException();
            }
            JsonNode h = JSON.readTree(json);
            if (h == null || !h.isObject()) {
                throw damaged(file, "its header is not a JSON object");
            }
            JsonNode names = h.path("slots");
            int positions = h.path("parameters").asInt(-1);
            if (!names.isArray() || names.size() > MAX_SLOTS || positions < 0 || positions > fileSize / 4) {
                throw damaged(file, "its header lists " + names.size() + " slots of " + positions + " parameters");
            }
            List<TrainingState.Slot> slots = new ArrayList<>();
            if (withSlots) {
                for (JsonNode name : names) {
                    float[][] values = new float[positions][];
                    for (int p = 0; p < positions; p++) {
                        int n = in.readInt();
                        if (n < -1 || (long) n * Float.BYTES > fileSize) {
                            throw damaged(file, "an array of " + n + " values");
                        }
                        if (n >= 0) {
                            byte[] bytes = in.readNBytes(n * Float.BYTES);
                            if (bytes.length < n * Float.BYTES) {
                                throw new EOFException();
                            }
                            values[p] = new float[n];
                            ByteBuffer.wrap(bytes).asFloatBuffer().get(values[p]);
                        }
                    }
                    slots.add(new TrainingState.Slot(name.asText(), values));
                }
                if (in.readInt() != END_OF_STATE) {
                    throw damaged(file, "its optimizer state does not end where its header says");
                }
            }
            return new TrainingState(h.path("optimizer").asText(), h.path("epoch").asInt(), h.path("batch").asInt(),
                    h.path("step").asInt(), h.path("updates").asInt(),
                    Double.longBitsToDouble(h.path("lossSumBits").asLong()), h.path("seen").asInt(),
                    Float.intBitsToFloat(h.path("metricSumBits").asInt()), slots);
        } catch (EOFException e) {
            throw new RunFolderException(file + " is truncated: it ends inside its training state.", DAMAGED, e);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RunFolderException(file + " has a damaged training state: " + e.getMessage(), DAMAGED, e);
        }
    }

    private static RunFolderException damaged(Path file, String what) {
        return new RunFolderException(file + " has a damaged training state: " + what + ".", DAMAGED);
    }
}
