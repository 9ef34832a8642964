package org.layercanvas.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands every block of a design into the layers it stands for, so that it can be analysed,
 * compiled and exported like any design: an instance {@code n7} named {@code stage2} of a body with a
 * layer {@code n2} named {@code conv} becomes the layer {@code n7/n2} named {@code stage2/conv}; a
 * block repeated three times becomes three copies, {@code n7/1/n2} to {@code n7/3/n2}, each fed by
 * the one before. Nested blocks expand the same way, so names read as paths:
 * {@code stage2/block1/conv2}. Layers outside blocks keep their ids and names.
 *
 * <p>An instance that cannot be expanded (its definition missing, containing itself, without a
 * single output, or wired to more inputs than it has) stays as it is, with the reason, and analysis
 * reports it as an error on that instance.
 */
public final class Flattener {
    /** What separates the parts of an expanded layer's id and name. */
    public static final String SEPARATOR = "/";

    private final Map<String, BlockDefinition> definitions;
    private final List<Diagnostic> problems = new ArrayList<>();
    private final Map<String, String> instances = new HashMap<>();
    private final Map<String, String> ends = new HashMap<>();

    private Flattener(Map<String, BlockDefinition> definitions) {
        this.definitions = definitions;
    }

    /**
     * A design with its blocks expanded.
     *
     * @param graph the layers and connections, no block left but those that cannot be expanded
     * @param exitOf for each top-level layer, the expanded layer whose output is its output
     * @param instances for every block instance expanded, at any depth, by its expanded id
     *     ({@code n7}, {@code n7/n3}, {@code n7/2/n3}), the expanded layer whose output is its output
     * @param problems why instances could not be expanded, one error each, on the instance
     * @param ends for the inputs and output of every expanded body, by expanded id ({@code n7/in}),
     *     the expanded id whose output they pass on: a layer, or another body's input
     */
    public record Flat(Graph graph, Map<String, String> exitOf, Map<String, String> instances,
            List<Diagnostic> problems, Map<String, String> ends) {
        public Flat {
            exitOf = Map.copyOf(exitOf);
            instances = Map.copyOf(instances);
            problems = List.copyOf(problems);
            ends = Map.copyOf(ends);
        }
    }

    /** Expands every block of {@code graph}. */
    public static Flat flatten(Graph graph) {
        Flattener f = new Flattener(graph.blocks());
        Expanded e = f.expand(graph, "", "", null);
        return new Flat(Graph.of(e.nodes, e.edges), e.exitOf, f.instances, f.problems, f.ends);
    }

    /** Returns the top-level layer an expanded layer's id belongs to: {@code n7} for {@code n7/1/n2}. */
    public static String ownerOf(String flatId) {
        int cut = flatId.indexOf(SEPARATOR);
        return cut < 0 ? flatId : flatId.substring(0, cut);
    }

    /** A port of an expanded layer: where one input arrives. */
    private record Port(String node, int port) {
    }

    /** One graph expanded: its layers, its connections, and how it connects to what surrounds it. */
    private static final class Expanded {
        final List<LayerNode> nodes = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();
        /** For each node of the graph expanded, the expanded node whose output is its output. */
        final Map<String, String> exitOf = new HashMap<>();
        /** For each node and port of the graph expanded, the expanded ports its input reaches. */
        final Map<String, Map<Integer, List<Port>>> entryOf = new HashMap<>();
        /** For a body: the expanded ports each of its inputs reaches. */
        final Map<Integer, List<Port>> inputConsumers = new LinkedHashMap<>();
        /** For a body: the expanded node feeding its output, or null. */
        String output;
        /** For a body: whether its output is fed straight from one of its inputs (not expandable). */
        boolean outputFromInput;
    }

    /**
     * Expands one graph: the design itself ({@code stack} null), where a block's input or output is
     * out of place and stays for analysis to report, or a block's body inside the definitions on
     * {@code stack}.
     */
    private Expanded expand(Graph graph, String idPrefix, String namePrefix, Set<String> stack) {
        Expanded out = new Expanded();
        boolean body = stack != null;
        Set<String> inside = body ? stack : Set.of();
        Map<String, Integer> inputIndex = new HashMap<>();
        for (LayerNode n : graph.nodes()) {
            if (body && n.spec() instanceof BlockInput in) {
                inputIndex.put(n.id(), in.index());
            } else if (n.spec() instanceof Block block && expandable(n, block, graph, inside, body)) {
                expandInstance(n, block, idPrefix, namePrefix, inside, body, out);
            } else if (!body || !(n.spec() instanceof BlockOutput)) {
                String id = idPrefix + n.id();
                out.nodes.add(new LayerNode(id, namePrefix + n.name(), n.spec(), n.position()));
                out.exitOf.put(n.id(), id);
            }
        }
        for (Edge e : graph.edges()) {
            LayerNode target = graph.node(e.to());
            Integer fromInput = inputIndex.get(e.from());
            if (body && target.spec() instanceof BlockOutput) {
                if (fromInput != null) {
                    out.outputFromInput = true;
                } else {
                    out.output = out.exitOf.get(e.from());
                }
                continue;
            }
            if (target.spec() instanceof Block block && out.entryOf.containsKey(e.to())) {
                // what the instance's first copy gets on this input: a layer, or this body's own input
                String source = fromInput != null ? idPrefix + e.from() : out.exitOf.get(e.from());
                String copy = block.repeat() > 1 ? "1" + SEPARATOR : "";
                List<LayerNode> inputs = definitions.get(block.definition()).inputs();
                if (source != null && e.port() < inputs.size()) {
                    ends.put(idPrefix + e.to() + SEPARATOR + copy + inputs.get(e.port()).id(), source);
                }
            }
            for (Port p : entries(out, graph, e)) {
                if (fromInput != null) {
                    out.inputConsumers.computeIfAbsent(fromInput, k -> new ArrayList<>()).add(p);
                } else if (out.exitOf.containsKey(e.from())) {
                    out.edges.add(new Edge(out.exitOf.get(e.from()), p.node(), p.port()));
                }
            }
        }
        return out;
    }

    /** Returns the expanded ports the connection {@code e} reaches. */
    private static List<Port> entries(Expanded out, Graph graph, Edge e) {
        Map<Integer, List<Port>> ports = out.entryOf.get(e.to());
        if (ports != null) {
            return ports.getOrDefault(e.port(), List.of());
        }
        String id = out.exitOf.get(e.to());
        return id == null ? List.of() : List.of(new Port(id, e.port()));
    }

    /** Returns whether an instance can be expanded; records why not when it cannot. */
    private boolean expandable(LayerNode n, Block block, Graph graph, Set<String> stack, boolean nested) {
        BlockDefinition d = definitions.get(block.definition());
        String problem = null;
        if (d == null) {
            problem = "uses the block definition '" + block.definition() + "', which the design does not have";
        } else if (stack.contains(block.definition())) {
            problem = "is a block '" + d.name() + "' that contains itself";
        } else if (d.outputs().size() != 1) {
            problem = "is a block '" + d.name() + "' with " + d.outputs().size() + " outputs; a block has exactly one";
        } else if (block.repeat() < 1) {
            problem = "repeats " + block.repeat() + " times; a block is there at least once";
        } else if (block.repeat() > 1 && d.inputs().size() != 1) {
            problem = "repeats a block of " + d.inputs().size() + " inputs; only a block of one input can be"
                    + " chained";
        } else {
            int wired = graph.inputsOf(n.id()).size();
            if (wired > d.inputs().size()) {
                problem = "has " + wired + " connections in but its block '" + d.name() + "' takes "
                        + d.inputs().size();
            }
        }
        if (problem != null && !nested) {
            problems.add(Diagnostic.error(n.id(), problem));
        }
        return problem == null;
    }

    private void expandInstance(LayerNode n, Block block, String idPrefix, String namePrefix, Set<String> stack,
            boolean nested, Expanded out) {
        BlockDefinition d = definitions.get(block.definition());
        Set<String> inside = new HashSet<>(stack);
        inside.add(block.definition());
        Expanded previous = null;
        for (int copy = 1; copy <= block.repeat(); copy++) {
            String part = block.repeat() > 1 ? copy + SEPARATOR : "";
            Expanded body = expand(d.body(), idPrefix + n.id() + SEPARATOR + part,
                    namePrefix + n.name() + SEPARATOR + part, inside);
            if (body.output == null || body.outputFromInput) {
                if (!nested) {
                    problems.add(Diagnostic.error(n.id(), "is a block '" + d.name() + "' whose output is not fed by"
                            + " a layer inside it"));
                }
                out.nodes.add(new LayerNode(idPrefix + n.id(), namePrefix + n.name(), block, n.position()));
                out.exitOf.put(n.id(), idPrefix + n.id());
                return;
            }
            out.nodes.addAll(body.nodes);
            out.edges.addAll(body.edges);
            String copyPrefix = idPrefix + n.id() + SEPARATOR + part;
            ends.put(copyPrefix + d.outputs().get(0).id(), body.output);
            if (previous != null) {
                ends.put(copyPrefix + d.inputs().get(0).id(), previous.output);
            }
            if (previous == null) {
                Map<Integer, List<Port>> entries = new HashMap<>();
                body.inputConsumers.forEach((k, v) -> entries.put(k, List.copyOf(v)));
                out.entryOf.put(n.id(), entries);
            } else {
                for (Port p : body.inputConsumers.getOrDefault(0, List.of())) {
                    out.edges.add(new Edge(previous.output, p.node(), p.port()));
                }
            }
            previous = body;
        }
        out.exitOf.put(n.id(), previous.output);
        instances.put(idPrefix + n.id(), previous.output);
    }
}
