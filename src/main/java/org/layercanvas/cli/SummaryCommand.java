package org.layercanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Flattener;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.NodeReport;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.DesignFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints a design's layers with output shapes, parameters, FLOPs and memory, like Keras' summary. A
 * block instance is one row, the sum of the layers it stands for with its exit shape; {@code --expand}
 * lists those layers under it by their paths ({@code stage2/1/conv}).
 */
@Command(name = "summary", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print each layer's output shape, parameters, multiply-adds and activation memory.")
public final class SummaryCommand implements Callable<Integer> {
    private static final String[] HEADERS = {"Layer", "Kind", "Output shape", "Params", "FLOPs", "Memory",
        "Inputs"};

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A design file (.json).")
    private Path file;

    @Option(names = "--json", description = "Print the summary as JSON.")
    private boolean json;

    @Option(names = "--expand", description = "Also list the layers inside each block, by their paths.")
    private boolean expand;

    /** Each graph's incoming connections by node (the design's, and the expanded one's), built once. */
    private final Map<Graph, Map<String, List<Edge>>> inputs = new IdentityHashMap<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Design design;
        try {
            design = new DesignCodec().read(file);
        } catch (DesignFormatException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        Graph graph = design.graph();
        Analysis analysis = Analysis.of(graph);
        Flattener.Flat flat = Flattener.flatten(graph);
        List<String> ids = inOrder(graph, analysis, flat);
        if (json) {
            out.println(json(design, analysis, flat, ids));
        } else {
            printTable(out, design, analysis, flat, ids);
        }
        out.flush();
        return analysis.hasErrors() ? 1 : 0;
    }

    /**
     * Returns the design's layers in the order they run, each block instance where the layer whose
     * output is its output runs; layers on a cycle come last, as the design lists them.
     */
    private static List<String> inOrder(Graph graph, Analysis analysis, Flattener.Flat flat) {
        Map<String, Integer> position = new HashMap<>();
        for (String id : analysis.order()) {
            position.put(id, position.size());
        }
        List<String> ids = new ArrayList<>();
        graph.nodes().forEach(n -> ids.add(n.id()));
        ids.sort(Comparator.comparingInt(id -> position.getOrDefault(flat.exitOf().getOrDefault(id, id),
                Integer.MAX_VALUE)));
        return ids;
    }

    /** Returns the layers a block instance stands for, at any depth, in the order they run; none for a layer. */
    private static List<String> inside(String id, Graph graph, Analysis analysis) {
        if (!(graph.node(id).spec() instanceof Block)) {
            return List.of();
        }
        return analysis.order().stream().filter(flatId -> flatId.startsWith(id + Flattener.SEPARATOR)).toList();
    }

    private void printTable(PrintWriter out, Design design, Analysis analysis, Flattener.Flat flat, List<String> ids) {
        Graph graph = design.graph();
        List<String[]> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(row(graph, analysis, id, graph.node(id).name(), kind(graph, graph.node(id))));
            if (expand) {
                for (String layer : inside(id, graph, analysis)) {
                    LayerNode node = flat.graph().node(layer);
                    rows.add(row(flat.graph(), analysis, layer, "  " + node.name(), node.kind()));
                }
            }
        }
        int[] widths = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            widths[c] = HEADERS[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        int total = 0;
        for (int w : widths) {
            total += w + 2;
        }
        String rule = "─".repeat(total - 2);
        out.println("Design: " + (design.name().isEmpty() ? file.getFileName() : design.name()));
        out.println(rule);
        out.println(row(HEADERS, widths));
        out.println(rule);
        rows.forEach(r -> out.println(row(r, widths)));
        out.println(rule);
        if (graph.hasBlocks()) {
            out.println("Layers:                  " + graph.size() + " (" + analysis.layerCount()
                    + " with the blocks expanded)");
        }
        out.println("Total params:            " + Formats.count(analysis.totalParams()));
        out.println("Trainable params:        " + Formats.count(analysis.totalTrainableParams()));
        out.println("Non-trainable params:    " + Formats.count(analysis.totalNonTrainableParams()));
        out.println("Multiply-adds (FLOPs):   " + Formats.count(analysis.totalFlops()) + " per sample");
        out.println("Activation memory:       " + Formats.bytes(analysis.totalMemoryBytes()) + " per sample");
        out.println("Parameter memory:        " + Formats.bytes(analysis.totalParams() * 4));
        for (Diagnostic d : analysis.diagnostics()) {
            out.println(ValidateCommand.line(file, graph, d));
        }
    }

    /** Returns one row of the table: a layer of {@code graph}, by its id there. */
    private String[] row(Graph graph, Analysis analysis, String id, String name, String kind) {
        NodeReport r = analysis.report(id);
        return new String[] {name, kind, r.output() == null ? "?" : r.output().toString(),
            Formats.count(r.params()), Formats.count(r.flops()), Formats.bytes(r.memoryBytes()),
            String.join(", ", inputsOf(graph, id).stream().map(e -> graph.node(e.from()).name()).toList())};
    }

    /**
     * Returns a node's incoming connections by port, from one pass over the graph's connections:
     * {@link Graph#inputsOf} scans every connection for each node, which made a large design's
     * summary quadratic (80,000 layers took 71 s).
     */
    private List<Edge> inputsOf(Graph graph, String id) {
        return inputs.computeIfAbsent(graph, g -> {
            Map<String, List<Edge>> byTarget = new HashMap<>();
            for (Edge e : g.edges()) {
                byTarget.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            }
            byTarget.values().forEach(list -> list.sort(Comparator.comparingInt(Edge::port)));
            return byTarget;
        }).getOrDefault(id, List.of());
    }

    /** Returns a layer's kind as the table shows it: a block instance's with its block and repeat, {@code Block unit ×2}. */
    private static String kind(Graph graph, LayerNode node) {
        if (!(node.spec() instanceof Block block)) {
            return node.kind();
        }
        BlockDefinition definition = graph.blocks().get(block.definition());
        return "Block " + (definition == null ? block.definition() : definition.name())
                + (block.repeat() > 1 ? " ×" + block.repeat() : "");
    }

    private static String row(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            boolean numeric = c >= 3 && c <= 5;
            String cell = numeric ? " ".repeat(widths[c] - cells[c].length()) + cells[c]
                    : cells[c] + " ".repeat(widths[c] - cells[c].length());
            sb.append(cell).append(c < cells.length - 1 ? "  " : "");
        }
        return sb.toString().stripTrailing();
    }

    private String json(Design design, Analysis analysis, Flattener.Flat flat, List<String> ids) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Graph graph = design.graph();
        ObjectNode root = mapper.createObjectNode();
        root.put("design", design.name());
        ArrayNode layers = root.putArray("layers");
        for (String id : ids) {
            ObjectNode o = layer(layers.addObject(), graph, analysis, id);
            if (graph.node(id).spec() instanceof Block block) {
                ObjectNode b = o.putObject("block");
                b.put("definition", block.definition());
                BlockDefinition definition = graph.blocks().get(block.definition());
                b.put("name", definition == null ? null : definition.name());
                b.put("repeat", block.repeat());
                if (expand) {
                    ArrayNode within = o.putArray("layers");
                    inside(id, graph, analysis).forEach(l -> layer(within.addObject(), flat.graph(), analysis, l));
                }
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("params", analysis.totalParams());
        totals.put("trainableParams", analysis.totalTrainableParams());
        totals.put("nonTrainableParams", analysis.totalNonTrainableParams());
        totals.put("flops", analysis.totalFlops());
        totals.put("memoryBytes", analysis.totalMemoryBytes());
        ArrayNode diags = root.putArray("diagnostics");
        for (Diagnostic d : analysis.diagnostics()) {
            ObjectNode o = diags.addObject();
            o.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
            o.put("node", d.nodeId());
            o.put("message", d.message());
        }
        return mapper.writeValueAsString(root);
    }

    /** Fills {@code o} with one layer of {@code graph}, by its id there. */
    private ObjectNode layer(ObjectNode o, Graph graph, Analysis analysis, String id) {
        LayerNode node = graph.node(id);
        NodeReport r = analysis.report(id);
        o.put("id", id);
        o.put("name", node.name());
        o.put("kind", node.kind());
        if (r.output() == null) {
            o.putNull("outputShape");
        } else {
            ArrayNode shape = o.putArray("outputShape");
            r.output().toList().forEach(shape::add);
        }
        o.put("params", r.params());
        o.put("trainableParams", r.trainableParams());
        o.put("nonTrainableParams", r.nonTrainable());
        o.put("flops", r.flops());
        o.put("memoryBytes", r.memoryBytes());
        ArrayNode inputs = o.putArray("inputs");
        for (Edge e : inputsOf(graph, id)) {
            inputs.add(graph.node(e.from()).name());
        }
        return o;
    }
}
