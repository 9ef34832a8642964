package org.layercanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.Edge;
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

/** Prints a design's layers with output shapes, parameters, FLOPs and memory, like Keras' summary. */
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
        List<String> ids = new ArrayList<>(analysis.order());
        graph.nodes().stream().map(LayerNode::id).filter(id -> !ids.contains(id)).forEach(ids::add);
        if (json) {
            out.println(json(design, analysis, ids));
        } else {
            printTable(out, design, analysis, ids);
        }
        out.flush();
        return analysis.hasErrors() ? 1 : 0;
    }

    private void printTable(PrintWriter out, Design design, Analysis analysis, List<String> ids) {
        Graph graph = design.graph();
        List<String[]> rows = new ArrayList<>();
        for (String id : ids) {
            LayerNode node = graph.node(id);
            NodeReport r = analysis.report(id);
            rows.add(new String[] {node.name(), node.kind(), r.output() == null ? "?" : r.output().toString(),
                Formats.count(r.params()), Formats.count(r.flops()), Formats.bytes(r.memoryBytes()),
                String.join(", ", graph.inputsOf(id).stream().map(e -> graph.node(e.from()).name()).toList())});
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
        out.println("Total params:            " + Formats.count(analysis.totalParams()));
        out.println("Multiply-adds (FLOPs):   " + Formats.count(analysis.totalFlops()) + " per sample");
        out.println("Activation memory:       " + Formats.bytes(analysis.totalMemoryBytes()) + " per sample");
        out.println("Parameter memory:        " + Formats.bytes(analysis.totalParams() * 4));
        for (Diagnostic d : analysis.diagnostics()) {
            out.println(ValidateCommand.line(file, graph, d));
        }
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

    private String json(Design design, Analysis analysis, List<String> ids) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Graph graph = design.graph();
        ObjectNode root = mapper.createObjectNode();
        root.put("design", design.name());
        ArrayNode layers = root.putArray("layers");
        for (String id : ids) {
            LayerNode node = graph.node(id);
            NodeReport r = analysis.report(id);
            ObjectNode o = layers.addObject();
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
            o.put("flops", r.flops());
            o.put("memoryBytes", r.memoryBytes());
            ArrayNode inputs = o.putArray("inputs");
            for (Edge e : graph.inputsOf(id)) {
                inputs.add(graph.node(e.from()).name());
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("params", analysis.totalParams());
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
}
