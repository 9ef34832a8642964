package org.layercanvas.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layercanvas.onnx.proto.AttributeProto;
import org.layercanvas.onnx.proto.GraphProto;
import org.layercanvas.onnx.proto.NodeProto;

/**
 * One ONNX graph as the import walks it: which node computes each value, which nodes read it, and the
 * constants (initializers and Constant nodes) by name.
 */
final class Nodes {
    final Map<String, Constant> constants = new HashMap<>();
    final Map<String, NodeProto> producers = new HashMap<>();
    final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();

    Nodes(GraphProto graph) {
        for (NodeProto n : graph.getNodeList()) {
            n.getOutputList().forEach(o -> producers.put(o, n));
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
    }

    boolean isGraphOutput(String value) {
        return graphOutputs.contains(value);
    }

    /** Returns the node computing {@code value}, or null for the graph's input or a constant. */
    NodeProto producer(String value) {
        return producers.get(value);
    }

    /** Returns the one node that reads {@code value}, or null when several do, none, or it is a graph output. */
    NodeProto soleConsumer(String value) {
        List<NodeProto> users = consumers.getOrDefault(value, List.of());
        return users.size() == 1 && !isGraphOutput(value) ? users.get(0) : null;
    }

    /** Returns the node of operator {@code op} computing {@code value} that only {@code reader} reads, or null. */
    NodeProto feeding(String value, String op, NodeProto reader) {
        NodeProto p = producers.get(value);
        return p != null && p.getOpType().equals(op) && soleConsumer(value) == reader ? p : null;
    }

    /** Returns the one node reading {@code n}'s first output when it is of operator {@code op}, or null. */
    NodeProto next(NodeProto n, String op) {
        NodeProto c = n == null ? null : soleConsumer(n.getOutput(0));
        return c != null && c.getOpType().equals(op) ? c : null;
    }

    /** Returns the constant {@code value} when it is one, else null. */
    Constant constant(String value) {
        return constants.get(value);
    }

    /** Returns whether {@code value} is one constant number equal to {@code expected}. */
    boolean scalar(String value, double expected) {
        Constant c = constants.get(value);
        return c != null && c.isScalar(expected);
    }

    /** Returns the operand of a two-operand node beside the scalar constant {@code value}, or null. */
    String operandBeside(NodeProto n, double value) {
        if (n.getInputCount() != 2) {
            return null;
        }
        if (scalar(n.getInput(1), value)) {
            return n.getInput(0);
        }
        return scalar(n.getInput(0), value) ? n.getInput(1) : null;
    }

    /** Returns the input of a two-operand node that is a constant, or null (also when both are). */
    String constantOperand(NodeProto n) {
        if (n.getInputCount() != 2) {
            return null;
        }
        boolean first = constants.containsKey(n.getInput(0));
        boolean second = constants.containsKey(n.getInput(1));
        return first == second ? null : n.getInput(first ? 0 : 1);
    }

    /** Returns the other input of a two-operand node than {@code value}. */
    static String other(NodeProto n, String value) {
        return n.getInput(0).equals(value) ? n.getInput(1) : n.getInput(0);
    }

    static AttributeProto attr(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    static long attrInt(NodeProto n, String name, long fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getI();
    }

    /** Returns whether a Transpose's permutation is {@code expected}. */
    static boolean perm(NodeProto n, long... expected) {
        AttributeProto a = attr(n, "perm");
        return a != null && a.getIntsList().equals(java.util.Arrays.stream(expected).boxed().toList());
    }

    /** Returns {@code m} (rows × cols, row-major) transposed. */
    static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** ONNX keeps numbers as 32-bit floats: 1e-5 comes back as 1e-5, not 9.99999974737875e-6. */
    static double tidy(float f) {
        return Double.parseDouble(Float.toString(f));
    }
}
