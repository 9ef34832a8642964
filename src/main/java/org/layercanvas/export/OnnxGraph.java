package org.layercanvas.export;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layercanvas.onnx.proto.AttributeProto;
import org.layercanvas.onnx.proto.AttributeProto.AttributeType;
import org.layercanvas.onnx.proto.GraphProto;
import org.layercanvas.onnx.proto.ModelProto;
import org.layercanvas.onnx.proto.NodeProto;
import org.layercanvas.onnx.proto.OperatorSetIdProto;
import org.layercanvas.onnx.proto.StringStringEntryProto;
import org.layercanvas.onnx.proto.TensorProto;
import org.layercanvas.onnx.proto.TensorShapeProto;
import org.layercanvas.onnx.proto.TypeProto;
import org.layercanvas.onnx.proto.ValueInfoProto;

/**
 * Builds an ONNX model: nodes, initializers and typed graph inputs and outputs, as the ONNX IR
 * messages the import reads too (IR version 8, default opset 17).
 */
final class OnnxGraph {
    /** The opset the graph's operators are written against. */
    static final int OPSET = 17;
    private static final int IR_VERSION = 8;

    private final List<Node> nodes = new ArrayList<>();
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> values = new HashSet<>();

    /** One operator; attributes are added before the model is encoded. */
    static final class Node {
        private final NodeProto.Builder proto;
        private final String output;

        private Node(String op, String name, List<String> inputs, String output) {
            this.output = output;
            proto = NodeProto.newBuilder().addAllInput(inputs).addOutput(output).setName(name).setOpType(op);
        }

        /** Returns the value this operator computes. */
        String name() {
            return output;
        }

        Node attr(String name, long value) {
            return attribute(AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value));
        }

        Node attr(String name, float value) {
            return attribute(AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value));
        }

        Node attr(String name, String value) {
            return attribute(AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                    .setS(ByteString.copyFromUtf8(value)));
        }

        Node strings(String name, String... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
            for (String v : values) {
                a.addStrings(ByteString.copyFromUtf8(v));
            }
            return attribute(a);
        }

        Node ints(String name, int... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
            for (int v : values) {
                a.addInts(v);
            }
            return attribute(a);
        }

        private Node attribute(AttributeProto.Builder attribute) {
            proto.addAttribute(attribute);
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
        return initializer(name, dims, TensorProto.DataType.FLOAT, raw.array());
    }

    /** Adds an int64 initializer (shapes, indices) and returns its name. */
    String initializer(String name, long[] dims, long[] data) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(data);
        return initializer(name, dims, TensorProto.DataType.INT64, raw.array());
    }

    private String initializer(String name, long[] dims, TensorProto.DataType type, byte[] raw) {
        claim(name);
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(type.getNumber()).setName(name)
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Declares a float graph input whose first axis is the symbolic {@code batch}. */
    void input(String name, List<Integer> sampleShape) {
        claim(name);
        graph.addInput(valueInfo(name, sampleShape));
    }

    /** Declares a float graph output whose first axis is the symbolic {@code batch}. */
    void output(String name, List<Integer> sampleShape) {
        graph.addOutput(valueInfo(name, sampleShape));
    }

    /** Returns the encoded {@code ModelProto}. */
    byte[] model(String graphName, String doc, Map<String, String> metadata, String producerVersion) {
        GraphProto.Builder g = graph.clone().setName(graphName).setDocString(doc);
        nodes.forEach(n -> g.addNode(n.proto));
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("LayerCanvas").setProducerVersion(producerVersion).setDomain("org.layercanvas")
                .setModelVersion(1).setGraph(g);
        metadata.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build().toByteArray();
    }

    private void claim(String name) {
        if (!values.add(name)) {
            throw new IllegalStateException("two ONNX values named " + name);
        }
    }

    private static ValueInfoProto valueInfo(String name, List<Integer> sampleShape) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        sampleShape.forEach(d -> shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d)));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }
}
