package org.layercanvas.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an ONNX model: nodes, initializers and typed graph inputs and outputs, encoded with the
 * field numbers of {@code onnx.proto} (IR version 8, default opset 17).
 */
final class OnnxGraph {
    /** The opset the graph's operators are written against. */
    static final int OPSET = 17;
    private static final int IR_VERSION = 8;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final List<Node> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Set<String> values = new HashSet<>();

    /** One operator; attributes are added before the model is encoded. */
    static final class Node {
        private final ProtoWriter proto = new ProtoWriter();
        private final String output;

        private Node(String op, String name, List<String> inputs, String output) {
            this.output = output;
            inputs.forEach(i -> proto.string(1, i));
            proto.string(2, output).string(3, name).string(4, op);
        }

        /** Returns the value this operator computes. */
        String name() {
            return output;
        }

        Node attr(String name, long value) {
            proto.message(5, new ProtoWriter().string(1, name).varint(20, 2).varint(3, value));
            return this;
        }

        Node attr(String name, float value) {
            proto.message(5, new ProtoWriter().string(1, name).varint(20, 1).float32(2, value));
            return this;
        }

        Node attr(String name, String value) {
            proto.message(5, new ProtoWriter().string(1, name).varint(20, 3).string(4, value));
            return this;
        }

        Node strings(String name, String... values) {
            ProtoWriter a = new ProtoWriter().string(1, name).varint(20, 8);
            for (String v : values) {
                a.string(9, v);
            }
            proto.message(5, a);
            return this;
        }

        Node ints(String name, int... values) {
            ProtoWriter a = new ProtoWriter().string(1, name).varint(20, 7);
            for (int v : values) {
                a.varint(8, v);
            }
            proto.message(5, a);
            return this;
        }
    }

    /** Adds an operator computing {@code output}. */
    Node node(String op, String name, List<String> in, String output) {
        claim(output);
        Node node = new Node(op, name, in, output);
        nodes.add(node);
        return node;
    }

    /** Adds a float initializer (a trained weight or a constant) and returns its name. */
    String initializer(String name, long[] dims, float[] data) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        return initializer(name, dims, FLOAT, raw.array());
    }

    /** Adds an int64 initializer (shapes, indices) and returns its name. */
    String initializer(String name, long[] dims, long[] data) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(data);
        return initializer(name, dims, INT64, raw.array());
    }

    private String initializer(String name, long[] dims, int type, byte[] raw) {
        claim(name);
        initializers.add(new ProtoWriter().varints(1, dims).varint(2, type).string(8, name).bytes(9, raw));
        return name;
    }

    /** Declares a float graph input whose first axis is the symbolic {@code batch}. */
    void input(String name, List<Integer> sampleShape) {
        claim(name);
        inputs.add(valueInfo(name, sampleShape));
    }

    /** Declares a float graph output whose first axis is the symbolic {@code batch}. */
    void output(String name, List<Integer> sampleShape) {
        outputs.add(valueInfo(name, sampleShape));
    }

    /** Returns the encoded {@code ModelProto}. */
    byte[] model(String graphName, String doc, Map<String, String> metadata, String producerVersion) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n.proto));
        graph.string(2, graphName);
        initializers.forEach(i -> graph.message(5, i));
        graph.string(10, doc);
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        ProtoWriter model = new ProtoWriter().varint(1, IR_VERSION)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
                .string(2, "LayerCanvas").string(3, producerVersion).string(4, "org.layercanvas")
                .varint(5, 1).message(7, graph);
        metadata.forEach((k, v) -> model.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return model.toBytes();
    }

    private void claim(String name) {
        if (!values.add(name)) {
            throw new IllegalStateException("two ONNX values named " + name);
        }
    }

    private static ProtoWriter valueInfo(String name, List<Integer> sampleShape) {
        ProtoWriter shape = new ProtoWriter().message(1, new ProtoWriter().string(2, "batch"));
        sampleShape.forEach(d -> shape.message(1, new ProtoWriter().varint(1, d)));
        ProtoWriter tensor = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }
}
