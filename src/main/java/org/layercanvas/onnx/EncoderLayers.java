package org.layercanvas.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layercanvas.engine.Tensor;
import org.layercanvas.graph.Add;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.GELU;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerNorm;
import org.layercanvas.graph.MultiHeadAttention;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TransformerEncoder;

/**
 * Transformer encoder layers found among the layers an ONNX graph translated to: self-attention, a
 * residual Add and a LayerNorm, then Dense, ReLU or GELU, Dense, a residual Add and a LayerNorm (or,
 * norm first, each LayerNorm before its sublayer), as PyTorch's {@code TransformerEncoderLayer}
 * computes and LayerCanvas writes it. Each becomes one TransformerEncoder layer, its weights under
 * PyTorch's names ({@code layers.0.self_attn.in_proj_weight}, {@code layers.0.linear1.weight}, …);
 * layers one after the other whose names say they belong to one encoder (LayerCanvas names the
 * operators of an encoder's inner layers {@code <encoder>/l0/…}) become one encoder of several.
 */
final class EncoderLayers {
    /** PyTorch's TransformerEncoderLayer normalizes with this epsilon, as LayerCanvas's TransformerEncoder does. */
    private static final double EPSILON = 1e-5;

    private static final java.util.regex.Pattern INNER = java.util.regex.Pattern.compile("(.*)/l\\d+/[^/]*");

    private final Map<String, LayerNode> byId = new LinkedHashMap<>();
    private final Map<String, List<Edge>> into = new HashMap<>();
    private final Map<String, List<String>> readers = new HashMap<>();

    /** One encoder layer found: where it starts and ends, what it is made of, and its weights. */
    private record Found(String input, String output, Set<String> parts, int heads, int feedForward,
            String activation, boolean normFirst, Map<String, LayerNode> roles) {
    }

    private EncoderLayers(List<LayerNode> layers, List<Edge> edges) {
        layers.forEach(l -> byId.put(l.id(), l));
        for (Edge e : edges) {
            into.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            readers.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
    }

    /**
     * Replaces each run of encoder layers in {@code layers} and {@code edges} by one TransformerEncoder,
     * under the id and name of the run's last layer, and moves their weights to it.
     */
    static void collapse(List<LayerNode> layers, List<Edge> edges, Map<String, List<Tensor>> weights) {
        EncoderLayers graph = new EncoderLayers(layers, edges);
        List<Found> found = new ArrayList<>();
        for (LayerNode l : layers) {
            if (l.spec() instanceof MultiHeadAttention) {
                Found f = graph.match(l);
                if (f != null) {
                    found.add(f);
                }
            }
        }
        Map<String, Found> byInput = new HashMap<>();
        found.forEach(f -> byInput.put(f.input(), f));
        Set<Found> taken = new HashSet<>();
        for (Found first : found) {
            if (taken.contains(first)) {
                continue;
            }
            List<Found> run = new ArrayList<>(List.of(first));
            for (Found next = byInput.get(first.output()); next != null && graph.oneEncoder(run, next);
                    next = byInput.get(next.output())) {
                run.add(next);
            }
            taken.addAll(run);
            graph.replace(run, layers, edges, weights);
        }
    }

    /** Returns the encoder layer whose self-attention is {@code attention}, or null. */
    private Found match(LayerNode attention) {
        MultiHeadAttention mha = (MultiHeadAttention) attention.spec();
        List<Edge> in = into.getOrDefault(attention.id(), List.of());
        if (in.size() != 1 || mha.causal() || !mha.bias()) {
            return null;
        }
        String a = attention.id();
        String before = in.get(0).from();
        LayerNode norm1Before = kind(before, LayerNorm.class);
        if (norm1Before != null && readers(before).size() == 1) {
            // norm first: x → norm1 → attention, x + attention → norm2 → feed-forward, (x + attention) + ff
            String x = input(before);
            String sum = onlyReader(a, Add.class);
            if (x == null || sum == null || !addsOf(sum, x, a)) {
                return null;
            }
            List<String> after = readers(sum);
            if (after.size() != 2) {
                return null;
            }
            String norm2 = after.stream().filter(r -> kind(r, LayerNorm.class) != null).findFirst().orElse(null);
            String end = after.stream().filter(r -> kind(r, Add.class) != null).findFirst().orElse(null);
            return feedForward(x, end, norm2, sum, end, Map.of("self_attn", attention, "norm1", byId.get(before)),
                    Set.of(before, a, sum));
        }
        // norm after: x → attention, norm1(x + attention) → feed-forward, norm2(norm1 + ff)
        String x = before;
        String sum = onlyReader(a, Add.class);
        String norm1 = sum == null || !addsOf(sum, x, a) ? null : onlyReader(sum, LayerNorm.class);
        if (norm1 == null || readers(norm1).size() != 2) {
            return null;
        }
        String residual = readers(norm1).stream().filter(r -> kind(r, Add.class) != null).findFirst().orElse(null);
        String norm2 = residual == null ? null : onlyReader(residual, LayerNorm.class);
        if (norm2 == null) {
            return null;
        }
        return feedForward(x, residual, norm1, norm1, norm2, Map.of("self_attn", attention, "norm1", byId.get(norm1),
                "norm2", byId.get(norm2)), Set.of(a, sum, norm1, norm2));
    }

    /**
     * Completes a match with its feed-forward network: {@code from} → Dense → ReLU or GELU → Dense, added
     * to {@code residual} by {@code end}; the layer's result is {@code output} ({@code end} when it
     * normalizes first, else the LayerNorm after it).
     */
    private Found feedForward(String x, String end, String from, String residual, String output,
            Map<String, LayerNode> roles, Set<String> parts) {
        boolean normFirst = output != null && output.equals(end);
        if (end == null || from == null) {
            return null;
        }
        String linear1 = readers(from).stream().filter(r -> kind(r, Dense.class) != null).findFirst().orElse(null);
        String act = linear1 == null ? null : onlyReader(linear1, null);
        String linear2 = act == null ? null : onlyReader(act, Dense.class);
        if (linear2 == null || !addsOf(end, residual, linear2)) {
            return null;
        }
        String activation = byId.get(act).spec() instanceof ReLU ? "relu" : byId.get(act).spec() instanceof GELU
                ? "gelu" : null;
        Dense d1 = (Dense) byId.get(linear1).spec();
        Dense d2 = (Dense) byId.get(linear2).spec();
        MultiHeadAttention mha = (MultiHeadAttention) roles.get("self_attn").spec();
        Map<String, LayerNode> all = new LinkedHashMap<>(roles);
        all.put("linear1", byId.get(linear1));
        all.put("linear2", byId.get(linear2));
        if (normFirst) {
            all.put("norm2", byId.get(from));
        }
        boolean epsilons = all.values().stream().filter(n -> n.spec() instanceof LayerNorm)
                .allMatch(n -> Math.abs(((LayerNorm) n.spec()).epsilon() - EPSILON) < 1e-9);
        if (activation == null || !d1.bias() || !d2.bias() || !epsilons) {
            return null;
        }
        Set<String> inside = new HashSet<>(parts);
        inside.addAll(List.of(from, linear1, act, linear2, end));
        // nothing inside the layer but its result is read from outside it
        for (String id : inside) {
            if (!id.equals(output) && !inside.containsAll(readers(id))) {
                return null;
            }
        }
        return new Found(x, output, inside, mha.heads(), d1.units(), activation, normFirst, all);
    }

    /**
     * Returns whether {@code next} continues the encoder whose layer {@code run} ends with: the same
     * sizes, read only by it, and names that say one encoder (the inner layers' ends are named
     * {@code <encoder>/l<i>/…}, the last one's {@code <encoder>}).
     */
    private boolean oneEncoder(List<Found> run, Found next) {
        Found last = run.get(run.size() - 1);
        String lastName = byId.get(last.output()).name();
        return next.heads() == last.heads() && next.feedForward() == last.feedForward()
                && next.activation().equals(last.activation()) && next.normFirst() == last.normFirst()
                && next.parts().containsAll(readers(last.output())) && !owner(lastName).equals(lastName)
                && owner(lastName).equals(owner(byId.get(next.output()).name()));
    }

    /** Returns the encoder an inner layer's name says it belongs to ({@code enc} of {@code enc/l0/norm2}), or the name. */
    private static String owner(String name) {
        java.util.regex.Matcher m = INNER.matcher(name);
        return m.matches() ? m.group(1) : name;
    }

    private void replace(List<Found> run, List<LayerNode> layers, List<Edge> edges, Map<String, List<Tensor>> weights) {
        Found first = run.get(0);
        Found last = run.get(run.size() - 1);
        LayerNode end = byId.get(last.output());
        Set<String> gone = new HashSet<>();
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            gone.addAll(run.get(i).parts());
            for (Map.Entry<String, LayerNode> role : run.get(i).roles().entrySet()) {
                for (Tensor t : weights.getOrDefault(role.getValue().id(), List.of())) {
                    tensors.add(new Tensor("layers." + i + "." + role.getKey() + "." + t.name(), t.shape(), t.values()));
                }
            }
        }
        gone.remove(end.id());
        TransformerEncoder spec = new TransformerEncoder(last.heads(), last.feedForward(), 0, last.activation(),
                last.normFirst(), run.size());
        layers.removeIf(l -> gone.contains(l.id()));
        layers.replaceAll(l -> l.id().equals(end.id()) ? new LayerNode(end.id(), end.name(), spec, end.position()) : l);
        edges.removeIf(e -> gone.contains(e.to()) || e.to().equals(end.id()));
        edges.add(new Edge(first.input(), end.id(), 0));
        gone.forEach(weights::remove);
        weights.put(end.id(), tensors);
    }

    // ---- the graph

    private List<String> readers(String id) {
        return readers.getOrDefault(id, List.of());
    }

    private String input(String id) {
        List<Edge> in = into.getOrDefault(id, List.of());
        return in.size() == 1 ? in.get(0).from() : null;
    }

    /** Returns the one layer reading {@code id} when it is of {@code kind} (any kind when null), else null. */
    private String onlyReader(String id, Class<?> kind) {
        List<String> r = readers(id);
        if (r.size() != 1) {
            return null;
        }
        return kind == null || kind(r.get(0), kind) != null ? r.get(0) : null;
    }

    private LayerNode kind(String id, Class<?> kind) {
        LayerNode n = id == null ? null : byId.get(id);
        return n != null && kind.isInstance(n.spec()) ? n : null;
    }

    /** Returns whether {@code sum} is an Add of exactly {@code a} and {@code b}. */
    private boolean addsOf(String sum, String a, String b) {
        if (kind(sum, Add.class) == null) {
            return false;
        }
        List<String> from = into.getOrDefault(sum, List.of()).stream().map(Edge::from).toList();
        return from.size() == 2 && from.contains(a) && from.contains(b) && !a.equals(b);
    }
}
