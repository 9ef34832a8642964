package org.layercanvas.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.layercanvas.onnx.proto.AttributeProto;
import org.layercanvas.onnx.proto.GraphProto;
import org.layercanvas.onnx.proto.ModelProto;
import org.layercanvas.onnx.proto.NodeProto;
import org.layercanvas.onnx.proto.OperatorSetIdProto;
import org.layercanvas.onnx.proto.TensorProto;
import org.layercanvas.onnx.proto.TensorShapeProto;
import org.layercanvas.onnx.proto.TypeProto;
import org.layercanvas.onnx.proto.ValueInfoProto;

/** Small ONNX models built message by message, for tests that need a file of a known make. */
public final class TinyModels {
    private TinyModels() {
    }

    /** An MLP 4 → 3 (Gemm, transB=1) → Relu → 2 (Gemm, transB=0, alpha 0.5), opset 17, batch symbolic. */
    public static ModelProto mlp() {
        Random r = new Random(3);
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny")
                .addInput(value("x", 4)).addOutput(value("y", 2))
                .addInitializer(floats("fc1.weight", r, 3, 4)).addInitializer(floats("fc1.bias", r, 3))
                .addInitializer(floats("fc2.weight", r, 3, 2)).addInitializer(floats("fc2.bias", r, 2))
                .addNode(NodeProto.newBuilder().setName("/fc1/Gemm").setOpType("Gemm").addInput("x")
                        .addInput("fc1.weight").addInput("fc1.bias").addOutput("h").addAttribute(integer("transB", 1)))
                .addNode(NodeProto.newBuilder().setName("/act/Relu").setOpType("Relu").addInput("h").addOutput("a"))
                .addNode(NodeProto.newBuilder().setName("/fc2/Gemm").setOpType("Gemm").addInput("a")
                        .addInput("fc2.weight").addInput("fc2.bias").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                                .setF(0.5f)));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g).build();
    }

    static ValueInfoProto value(String name, int features) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(features)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    static TensorProto floats(String name, Random r, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) r.nextGaussian());
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
