package org.layercanvas.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.layercanvas.graph.Arity;
import org.layercanvas.graph.Category;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Param;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the layer catalog: every kind with its parameters, defaults, bounds and docs. */
@Command(name = "layers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List every layer kind with its parameters, defaults and bounds.")
public final class LayersCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--markdown", description = "Print the reference as Markdown (docs/layers.md is made so).")
    private boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.println("# Layer reference");
            out.println();
            out.println("Made by `layercanvas layers --markdown` from the layer catalog. Shapes leave out the batch"
                    + " axis and put channels first: (C,H,W).");
        }
        for (Category category : Category.values()) {
            List<LayerType> kinds = LayerCatalog.all().stream().filter(t -> t.category() == category).toList();
            if (kinds.isEmpty()) {
                // blocks: the design makes its own
                continue;
            }
            if (markdown) {
                out.println();
                out.println("## " + category.title());
            } else {
                out.println(category.title().toUpperCase(java.util.Locale.ROOT));
            }
            kinds.forEach(type -> print(out, type));
            if (!markdown) {
                out.println();
            }
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, LayerType type) {
        if (markdown) {
            out.println();
            out.println("### " + type.name());
            out.println();
            out.println(type.doc() + " Inputs: " + inputs(type.arity()) + ".");
            if (!type.params().isEmpty()) {
                out.println();
                out.println("| parameter | default | allowed | meaning |");
                out.println("| --- | --- | --- | --- |");
                for (Param p : type.params()) {
                    out.println("| `" + p.name() + "` | `" + Param.format(p.defaultValue()) + "` | " + allowed(p)
                            + " | " + p.doc() + " |");
                }
            }
            return;
        }
        out.println("  " + type.name() + " — " + type.doc() + " (inputs: " + inputs(type.arity()) + ")");
        for (Param p : type.params()) {
            out.println("      " + p.name() + " = " + Param.format(p.defaultValue()) + "  [" + allowed(p) + "]  "
                    + p.doc());
        }
    }

    private static String inputs(Arity arity) {
        return switch (arity) {
            case NONE -> "none";
            case ONE -> "one";
            case MANY -> "two or more";
            case ONE_OR_THREE -> "one, or three in port order";
        };
    }

    private static String allowed(Param p) {
        return switch (p.type()) {
            case INT, DOUBLE -> Param.format(p.min()) + " to " + Param.format(p.max());
            case BOOLEAN -> "true, false";
            case CHOICE -> String.join(", ", p.choices());
            case DIMS -> (p.length() > 0 ? p.length() + " numbers, " : "numbers, ") + Param.format(p.min()) + " to "
                    + Param.format(p.max()) + " each";
            case PADDING -> "same, valid, or sizes";
            case TEXT -> "text";
        };
    }
}
