package org.layercanvas.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation and shape inference of a whole design: every problem as a {@link Diagnostic}, every
 * layer's output shape and costs, and the totals. Pure Java, linear in nodes plus edges, never throws
 * for a bad design.
 */
public final class Analysis {
    private static final int FLOAT_BYTES = 4;

    private final NodeReport[] reports;
    private final Map<String, Integer> index;
    private final List<Diagnostic> diagnostics;
    private final List<String> order;
    private final Map<String, List<Diagnostic>> byNode = new java.util.HashMap<>();
    /** The reports of block instances, summed over the layers they stand for; not counted in totals. */
    private final Map<String, NodeReport> blockReports;
    /** The problems of the layers inside blocks, by their expanded id, for a view of a block's body. */
    private final Map<String, List<Diagnostic>> inside;
    /** For a view of a block's body, the expanded id of its instance and a separator; else empty. */
    private final String prefix;
    /** The inputs and outputs of expanded bodies, by expanded id: whose output they pass on. */
    private final Map<String, String> ends;

    private Analysis(NodeReport[] reports, Map<String, Integer> index, List<Diagnostic> diagnostics,
            List<String> order) {
        this(reports, index, diagnostics, order, Map.of(), Map.of(), "", Map.of());
    }

    private Analysis(NodeReport[] reports, Map<String, Integer> index, List<Diagnostic> diagnostics,
            List<String> order, Map<String, NodeReport> blockReports, Map<String, List<Diagnostic>> inside,
            String prefix, Map<String, String> ends) {
        this.prefix = prefix;
        this.ends = ends;
        this.reports = reports;
        this.index = index;
        this.diagnostics = diagnostics;
        this.order = order;
        this.blockReports = blockReports;
        this.inside = inside;
        for (Diagnostic d : diagnostics) {
            if (d.nodeId() != null) {
                byNode.computeIfAbsent(d.nodeId(), k -> new java.util.ArrayList<>()).add(d);
            }
        }
        byNode.replaceAll((k, v) -> List.copyOf(v));
    }

    /**
     * Validates a design and infers every layer's shape. A design with blocks is analysed expanded
     * ({@link Flattener}), exactly as it is compiled: each block instance then reports the output
     * of the layers it stands for and the sum of their costs, the problems of the layers inside it
     * are its own (naming each layer by its path, {@code in 'stage2/block1/conv2' (Conv2d): …}), and
     * the expanded layers keep their own reports and problems under their expanded ids.
     */
    public static Analysis of(Graph graph) {
        if (!graph.hasBlocks()) {
            return new Analyzer(graph).run();
        }
        Flattener.Flat flat = Flattener.flatten(graph);
        return new Analyzer(flat.graph()).run().lifted(flat);
    }

    /** Returns this analysis of an expanded design as the analysis of {@code design}, its blocks whole. */
    private Analysis lifted(Flattener.Flat flat) {
        // every expanded layer adds its costs to each block it lies in: n7/2/n3/n1 to n7, n7/2/n3
        Map<String, long[]> sums = new HashMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            NodeReport r = reports[e.getValue()];
            for (String block : enclosing(e.getKey())) {
                long[] sum = sums.computeIfAbsent(block, k -> new long[4]);
                sum[0] += r.params();
                sum[1] += r.flops();
                sum[2] += r.memoryBytes();
                sum[3] += r.nonTrainable();
            }
        }
        Map<String, NodeReport> blocks = new HashMap<>();
        flat.instances().forEach((id, exit) -> {
            long[] sum = sums.getOrDefault(id, new long[4]);
            Shape out = index.containsKey(exit) ? reports[index.get(exit)].output() : null;
            blocks.put(id, new NodeReport(out, sum[0], sum[1], sum[2], sum[3]));
        });
        List<Diagnostic> all = new ArrayList<>(flat.problems());
        Set<String> unexpanded = new HashSet<>();
        flat.problems().forEach(p -> unexpanded.add(p.nodeId()));
        Map<String, List<Diagnostic>> insideBlocks = new HashMap<>();
        for (Diagnostic d : diagnostics) {
            if (unexpanded.contains(d.nodeId()) && flat.graph().node(d.nodeId()).spec() instanceof Structural) {
                // the instance's reason it could not be expanded says it better
                continue;
            }
            if (d.nodeId() == null || !d.nodeId().contains(Flattener.SEPARATOR)) {
                all.add(d);
                continue;
            }
            insideBlocks.computeIfAbsent(d.nodeId(), k -> new ArrayList<>()).add(d);
            Diagnostic named = new Diagnostic(null, d.severity(), Diagnostic.INSIDE + nameIn(flat.graph(), d.nodeId()) + "' ("
                    + flat.graph().node(d.nodeId()).kind() + "): " + d.message());
            for (String block : enclosing(d.nodeId())) {
                if (!block.equals(Flattener.ownerOf(d.nodeId()))) {
                    insideBlocks.computeIfAbsent(block, k -> new ArrayList<>())
                            .add(new Diagnostic(block, named.severity(), named.message()));
                }
            }
            all.add(new Diagnostic(Flattener.ownerOf(d.nodeId()), named.severity(), named.message()));
        }
        insideBlocks.replaceAll((k, v) -> List.copyOf(v));
        return new Analysis(reports, index, List.copyOf(all), order, Map.copyOf(blocks), Map.copyOf(insideBlocks), "",
                flat.ends());
    }

    /** Returns the blocks an expanded layer lies in, outermost first: {@code n7}, {@code n7/2/n3} for {@code n7/2/n3/n1}. */
    private static List<String> enclosing(String flatId) {
        List<String> out = new ArrayList<>();
        int at = flatId.indexOf(Flattener.SEPARATOR);
        while (at >= 0) {
            String prefix = flatId.substring(0, at);
            // a copy number (n7/2) is part of the path, not a block of its own
            if (!prefix.substring(prefix.lastIndexOf(Flattener.SEPARATOR) + 1).chars().allMatch(Character::isDigit)) {
                out.add(prefix);
            }
            at = flatId.indexOf(Flattener.SEPARATOR, at + 1);
        }
        return out;
    }

    /**
     * Returns this analysis as a view of one block's body, as the instance whose expanded id is
     * {@code prefix} without its trailing separator sees it: its layers' reports and problems under
     * their ids in the body. Totals, problems and order stay those of the whole design.
     */
    public Analysis within(String prefix) {
        return new Analysis(reports, index, diagnostics, order, blockReports, inside, prefix, ends);
    }

    /**
     * Returns this analysis as a view of the body of the block instance {@code instanceId} it shows:
     * of its first copy when the block is {@code repeated}.
     */
    public Analysis inside(String instanceId, boolean repeated) {
        return within(prefix + instanceId + Flattener.SEPARATOR + (repeated ? "1" + Flattener.SEPARATOR : ""));
    }

    private static String nameIn(Graph flat, String id) {
        return flat.contains(id) ? flat.node(id).name() : id;
    }

    /** Returns every problem found: design-wide ones first, then by layer in evaluation order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Returns the problems of one layer (of a block instance: those of every layer inside it). */
    public List<Diagnostic> diagnosticsOf(String nodeId) {
        String id = prefix + nodeId;
        List<Diagnostic> own = prefix.isEmpty() ? byNode.get(id) : null;
        return own != null ? own : inside.getOrDefault(id, List.of());
    }

    /** Returns whether any problem is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Returns the report of one layer. */
    public NodeReport report(String nodeId) {
        String id = prefix + nodeId;
        NodeReport block = blockReports.get(id);
        if (block != null) {
            return block;
        }
        Integer i = index.get(id);
        if (i == null && !prefix.isEmpty()) {
            // a block's own input or output shows the shape it passes on, and costs nothing
            String passed = id;
            for (int hops = 0; passed != null && !index.containsKey(passed) && hops <= ends.size(); hops++) {
                passed = ends.get(passed);
            }
            Shape shape = passed != null && index.containsKey(passed) ? reports[index.get(passed)].output() : null;
            return shape == null ? NodeReport.UNKNOWN : new NodeReport(shape, 0, 0, 0);
        }
        if (i == null) {
            throw new IllegalArgumentException("no node with id '" + nodeId + "'");
        }
        return reports[i];
    }

    /** Returns a layer's output shape, or {@code null} when it cannot be known. */
    public Shape shape(String nodeId) {
        return report(nodeId).output();
    }

    /** Returns how many layers the design computes with: its blocks' layers counted one by one, each copy of a repeat. */
    public int layerCount() {
        return reports.length;
    }

    /** Returns whether there is a report for this id: a layer of the design, or a layer inside one of its blocks. */
    public boolean knows(String nodeId) {
        return blockReports.containsKey(prefix + nodeId) || index.containsKey(prefix + nodeId)
                || ends.containsKey(prefix + nodeId);
    }

    /**
     * Returns the ids of the layers that are not on a cycle, inputs before the layers that use them;
     * for a design with blocks, the layers as expanded.
     */
    public List<String> order() {
        return order;
    }

    /** Returns the total number of parameters. */
    public long totalParams() {
        return total(NodeReport::params);
    }

    /** Returns the number of parameters training learns by gradient, as PyTorch counts {@code parameters()}. */
    public long totalTrainableParams() {
        return total(NodeReport::trainableParams);
    }

    /** Returns the number of parameters that are not learned by gradient (a batch norm's running statistics). */
    public long totalNonTrainableParams() {
        return total(NodeReport::nonTrainable);
    }

    /** Returns the total multiply-adds per sample. */
    public long totalFlops() {
        return total(NodeReport::flops);
    }

    /** Returns the total activation memory per sample, in bytes. */
    public long totalMemoryBytes() {
        return total(NodeReport::memoryBytes);
    }

    private long total(java.util.function.ToLongFunction<NodeReport> value) {
        long sum = 0;
        for (NodeReport r : reports) {
            sum += value.applyAsLong(r);
        }
        return sum;
    }

    /** The single pass over a graph; one instance per analysis. */
    private static final class Analyzer {
        private final List<LayerNode> nodes;
        private final Map<String, Integer> index;
        private final int n;
        private final List<List<Edge>> in;
        private final List<List<Integer>> out;
        private final boolean[] broken;
        private final List<Diagnostic> designWide = new ArrayList<>();
        private final List<List<Diagnostic>> perNode;

        Analyzer(Graph graph) {
            this.nodes = List.copyOf(graph.nodes());
            this.n = nodes.size();
            this.index = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                index.put(nodes.get(i).id(), i);
            }
            in = new ArrayList<>(n);
            out = new ArrayList<>(n);
            perNode = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                in.add(new ArrayList<>(1));
                out.add(new ArrayList<>(1));
                perNode.add(new ArrayList<>(0));
            }
            for (Edge e : graph.edges()) {
                in.get(index.get(e.to())).add(e);
                out.get(index.get(e.from())).add(index.get(e.to()));
            }
            broken = new boolean[n];
        }

        Analysis run() {
            checkEndpoints();
            checkNames();
            for (int i = 0; i < n; i++) {
                checkParams(i);
                checkArity(i);
            }
            List<Integer> topo = topologicalOrder();
            checkReachability();
            NodeReport[] reports = new NodeReport[n];
            java.util.Arrays.fill(reports, NodeReport.UNKNOWN);
            for (int i : topo) {
                reports[i] = infer(i, reports);
            }
            List<Diagnostic> all = new ArrayList<>(designWide);
            for (int i : topo) {
                all.addAll(perNode.get(i));
            }
            boolean[] listed = new boolean[n];
            topo.forEach(i -> listed[i] = true);
            for (int i = 0; i < n; i++) {
                if (!listed[i]) {
                    all.addAll(perNode.get(i));
                }
            }
            List<String> order = topo.stream().map(i -> nodes.get(i).id()).toList();
            return new Analysis(reports, Collections.unmodifiableMap(index), List.copyOf(all), order);
        }

        private void error(int i, String message) {
            perNode.get(i).add(Diagnostic.error(nodes.get(i).id(), message));
            broken[i] = true;
        }

        private void warning(int i, String message) {
            perNode.get(i).add(Diagnostic.warning(nodes.get(i).id(), message));
        }

        private void checkEndpoints() {
            boolean hasInput = false;
            boolean hasOutput = false;
            for (LayerNode node : nodes) {
                hasInput |= node.spec() instanceof Input;
                hasOutput |= node.spec() instanceof Output;
            }
            if (!hasInput) {
                designWide.add(Diagnostic.error(null, "The design has no Input layer: add one where data enters."));
            }
            if (!hasOutput) {
                designWide.add(Diagnostic.error(null,
                        "The design has no Output layer: add one after the last layer to say what it predicts."));
            }
        }

        private void checkNames() {
            Map<String, Integer> first = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                String name = nodes.get(i).name();
                if (name.isBlank()) {
                    error(i, "has no name; every layer needs one");
                    continue;
                }
                Integer earlier = first.putIfAbsent(name, i);
                if (earlier != null) {
                    error(i, "has the same name as another " + nodes.get(earlier).kind()
                            + "; names must be unique, since exports use them");
                }
            }
        }

        private void checkParams(int i) {
            LayerSpec spec = nodes.get(i).spec();
            for (String problem : spec.type().problems(spec)) {
                error(i, "has " + problem);
            }
        }

        private void checkArity(int i) {
            List<Edge> edges = in.get(i);
            int count = edges.size();
            if (nodes.get(i).spec() instanceof Structural) {
                // a block left unexpanded: the reason it could not be is the problem to report
                return;
            }
            switch (nodes.get(i).spec().type().arity()) {
                case NONE -> {
                    if (count > 0) {
                        error(i, "takes no inputs, but " + count + (count == 1 ? " connection comes" : " connections come")
                                + " in");
                    }
                }
                case ONE -> {
                    if (count == 0) {
                        error(i, "needs an input: connect a layer's output to it");
                    } else if (count > 1) {
                        error(i, "takes one input but has " + count + "; merge them with an Add or Concat first");
                    }
                }
                case MANY -> {
                    if (count < 2) {
                        error(i, "needs at least two inputs to merge; has " + count);
                    }
                    checkPortsApart(i, edges);
                }
                case ONE_OR_THREE -> {
                    if (count == 0) {
                        error(i, "needs an input: connect a layer's output to it");
                    } else if (count != 1 && count != 3) {
                        error(i, "takes one input (attending over itself) or three (query, key and value, in that"
                                + " order) but has " + count);
                    }
                    checkPortsApart(i, edges);
                }
            }
        }

        private void checkPortsApart(int i, List<Edge> edges) {
            edges.sort(java.util.Comparator.comparingInt(Edge::port));
            for (int k = 1; k < edges.size(); k++) {
                if (edges.get(k).port() == edges.get(k - 1).port()) {
                    error(i, "has two connections into input " + edges.get(k).port());
                    return;
                }
            }
        }

        /** Kahn's algorithm; nodes left over lie on or after a cycle. */
        private List<Integer> topologicalOrder() {
            int[] indegree = new int[n];
            for (List<Edge> edges : in) {
                for (Edge e : edges) {
                    indegree[index.get(e.to())]++;
                }
            }
            ArrayDeque<Integer> ready = new ArrayDeque<>();
            for (int i = 0; i < n; i++) {
                if (indegree[i] == 0) {
                    ready.add(i);
                }
            }
            List<Integer> order = new ArrayList<>(n);
            while (!ready.isEmpty()) {
                int i = ready.poll();
                order.add(i);
                for (int j : out.get(i)) {
                    if (--indegree[j] == 0) {
                        ready.add(j);
                    }
                }
            }
            if (order.size() < n) {
                reportCycles(indegree);
            }
            return order;
        }

        /** Among the nodes Kahn could not order, strips those that merely follow a cycle; the rest are on one. */
        private void reportCycles(int[] indegree) {
            boolean[] left = new boolean[n];
            int[] outdegree = new int[n];
            for (int i = 0; i < n; i++) {
                left[i] = indegree[i] > 0;
            }
            for (int i = 0; i < n; i++) {
                if (left[i]) {
                    for (int j : out.get(i)) {
                        if (left[j]) {
                            outdegree[i]++;
                        }
                    }
                }
            }
            ArrayDeque<Integer> sinks = new ArrayDeque<>();
            for (int i = 0; i < n; i++) {
                if (left[i] && outdegree[i] == 0) {
                    sinks.add(i);
                }
            }
            while (!sinks.isEmpty()) {
                int j = sinks.poll();
                left[j] = false;
                for (Edge e : in.get(j)) {
                    int i = index.get(e.from());
                    if (left[i] && --outdegree[i] == 0) {
                        sinks.add(i);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (left[i]) {
                    error(i, "is part of a cycle; data must flow one way, from Input to Output");
                }
            }
        }

        private void checkReachability() {
            boolean[] fromInput = new boolean[n];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int i = 0; i < n; i++) {
                if (nodes.get(i).spec() instanceof Input) {
                    fromInput[i] = true;
                    queue.add(i);
                }
            }
            while (!queue.isEmpty()) {
                for (int j : out.get(queue.poll())) {
                    if (!fromInput[j]) {
                        fromInput[j] = true;
                        queue.add(j);
                    }
                }
            }
            boolean[] toOutput = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (nodes.get(i).spec() instanceof Output) {
                    toOutput[i] = true;
                    queue.add(i);
                }
            }
            while (!queue.isEmpty()) {
                for (Edge e : in.get(queue.poll())) {
                    int j = index.get(e.from());
                    if (!toOutput[j]) {
                        toOutput[j] = true;
                        queue.add(j);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (!fromInput[i] && !in.get(i).isEmpty()) {
                    warning(i, "is not reachable from any Input, so it never receives data");
                } else if (fromInput[i] && !toOutput[i]) {
                    warning(i, "leads to no Output, so training ignores it");
                }
            }
        }

        private NodeReport infer(int i, NodeReport[] reports) {
            if (broken[i]) {
                return NodeReport.UNKNOWN;
            }
            List<Edge> edges = in.get(i);
            List<Shape> shapes = new ArrayList<>(edges.size());
            List<String> names = new ArrayList<>(edges.size());
            for (Edge e : edges) {
                int from = index.get(e.from());
                Shape s = reports[from].output();
                if (s == null) {
                    return NodeReport.UNKNOWN;
                }
                shapes.add(s);
                names.add(nodes.get(from).name());
            }
            Inference result = nodes.get(i).spec().infer(new LayerInputs(shapes, names));
            if (!result.isOk()) {
                error(i, result.error());
                return NodeReport.UNKNOWN;
            }
            return new NodeReport(result.output(), result.params(), result.flops(),
                    result.output().size() * FLOAT_BYTES, result.nonTrainable());
        }
    }
}
