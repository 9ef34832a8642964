package org.layercanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.DesignFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks design files and prints every problem; exit code 1 when any has an error. A problem inside a
 * block is printed on its instance, naming the layer by its path ({@code in 'stage2/conv' (Conv2d): …}).
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Check design files: structure, parameters and shapes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:a file has an error or cannot be read", "2:bad usage"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Design files (.json).")
    private List<Path> files;

    @Option(names = "--json", description = "Print the results as JSON.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        DesignCodec codec = new DesignCodec();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode results = mapper.createArrayNode();
        boolean anyError = false;
        for (Path file : files) {
            ObjectNode result = results.addObject();
            result.put("file", file.toString());
            ArrayNode problems = result.putArray("diagnostics");
            Design design;
            try {
                design = codec.read(file);
            } catch (DesignFormatException e) {
                anyError = true;
                result.put("valid", false);
                result.put("loadError", e.getMessage());
                if (!json) {
                    out.println(e.getMessage());
                }
                continue;
            }
            Graph graph = design.graph();
            Analysis analysis = Analysis.of(graph);
            int errors = 0;
            int warnings = 0;
            for (Diagnostic d : analysis.diagnostics()) {
                ObjectNode o = problems.addObject();
                o.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
                if (d.nodeId() != null) {
                    LayerNode node = graph.node(d.nodeId());
                    o.put("node", node.id());
                    o.put("name", node.name());
                    o.put("kind", node.kind());
                }
                o.put("message", d.message());
                if (d.isError()) {
                    errors++;
                } else {
                    warnings++;
                }
                if (!json) {
                    out.println(line(file, graph, d));
                }
            }
            result.put("valid", errors == 0);
            anyError |= errors > 0;
            if (!json) {
                out.println(file + ": " + (errors == 0 && warnings == 0 ? "OK, " + layers(graph, analysis)
                        : plural(errors, "error") + ", " + plural(warnings, "warning")));
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(results));
        }
        out.flush();
        return anyError ? 1 : 0;
    }

    /** Returns a diagnostic as one line: {@code file: node 'name' (Kind): message}. */
    static String line(Path file, Graph graph, Diagnostic d) {
        StringBuilder sb = new StringBuilder().append(file).append(": ");
        if (d.nodeId() != null) {
            LayerNode node = graph.node(d.nodeId());
            sb.append("node '").append(node.name()).append("' (").append(node.kind()).append("): ");
        }
        if (!d.isError()) {
            sb.append("warning: ");
        }
        return sb.append(d.message()).toString();
    }

    /** Returns how many layers the design has: {@code 9 layers (31 with the blocks expanded)} when it has blocks. */
    private static String layers(Graph graph, Analysis analysis) {
        String top = graph.size() + " layers";
        return graph.hasBlocks() ? top + " (" + analysis.layerCount() + " with the blocks expanded)" : top;
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
