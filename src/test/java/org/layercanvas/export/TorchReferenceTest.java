package org.layercanvas.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.graph.AdaptiveAvgPool2d;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Border;
import org.layercanvas.graph.Upsample;
import org.layercanvas.graph.ConvTranspose;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.TransformerEncoder;
import org.layercanvas.graph.MultiHeadAttention;
import org.layercanvas.graph.GRU;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.Recurrent;
import org.layercanvas.graph.SimpleRNN;
import org.layercanvas.graph.GroupNorm;
import org.layercanvas.graph.InstanceNorm;
import org.layercanvas.graph.Hardsigmoid;
import org.layercanvas.graph.Hardswish;
import org.layercanvas.graph.Identity;
import org.layercanvas.graph.Inference;
import org.layercanvas.graph.LayerCases;
import org.layercanvas.graph.LayerInputs;
import org.layercanvas.graph.LayerNorm;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LogSoftmax;
import org.layercanvas.graph.PReLU;
import org.layercanvas.graph.ReLU6;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.Softplus;

/**
 * Holds our shape inference to PyTorch's own modules: for every layer case whose kind has a
 * {@code torch.nn} counterpart, the output shape, the trainable parameters ({@code parameters()})
 * and the non-trainable ones (buffers such as running statistics) that we infer equal what torch
 * builds and computes for the same settings. The torch side is written here, apart from the
 * exporter, so that a mistake shared by both is still caught.
 */
class TorchReferenceTest {
    private static final int BATCH = 2;

    /** A torch module built from a case's settings, and how it is called on the inputs {@code xs}. */
    private record Reference(String module, String call) {
    }

    @Test
    void everyKindWithATorchModuleHasTorchsShapeAndParameterCounts(@TempDir Path dir) throws Exception {
        TorchPython python = PythonAvailability.require();
        List<LayerCases.Case> cases = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        LayerCases.all().forEach(c -> {
            Reference r = reference(c.spec(), c.inputs());
            if (r != null) {
                cases.add(c);
                references.add(r);
            }
        });
        StringBuilder py = new StringBuilder("import torch\nfrom torch import nn\ntorch.manual_seed(0)\n");
        for (int i = 0; i < cases.size(); i++) {
            String inputs = cases.get(i).inputs().stream().map(s -> "torch.randn(" + BATCH + ", "
                    + s.toList().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining(", ", "[", "]"));
            py.append("try:\n")
                    .append("    m = ").append(references.get(i).module()).append("\n")
                    .append("    m.eval()\n")
                    .append("    xs = ").append(inputs).append("\n")
                    .append("    with torch.no_grad():\n")
                    .append("        y = ").append(references.get(i).call()).append("\n")
                    .append("    trainable = sum(p.numel() for p in m.parameters())\n")
                    .append("    buffers = sum(b.numel() for n, b in m.named_buffers()"
                            + " if not n.endswith('num_batches_tracked'))\n")
                    .append("    print(").append(i).append(", tuple(y.shape[1:]), trainable, buffers)\n")
                    .append("except Exception as e:\n")
                    .append("    print(").append(i).append(", 'ERROR', repr(e).replace('\\n', ' '))\n");
        }
        Files.writeString(dir.resolve("reference.py"), py);
        String printed = python.run(dir, Duration.ofSeconds(120), "reference.py");

        Map<Integer, String> torch = new LinkedHashMap<>();
        printed.strip().lines().forEach(line -> torch.put(Integer.parseInt(line.substring(0, line.indexOf(' '))),
                line.substring(line.indexOf(' ') + 1)));
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            LayerCases.Case c = cases.get(i);
            Inference ours = c.spec().infer(new LayerInputs(c.inputs(), Collections.nCopies(c.inputs().size(), "x")));
            String expected = tuple(ours.output()) + " " + (ours.params() - ours.nonTrainable()) + " "
                    + ours.nonTrainable();
            if (!expected.equals(torch.get(i))) {
                mismatches.add(c + " as " + references.get(i).module() + ": ours " + expected + ", torch "
                        + torch.get(i));
            }
        }
        System.out.printf("torch reference: %d cases of %d kinds agree with torch %s%n", cases.size() - mismatches.size(),
                cases.stream().map(c -> c.spec().getClass()).distinct().count(), printed.isEmpty() ? "" : "1.13");
        assertThat(mismatches).isEmpty();
        assertThat(cases.stream().map(c -> c.spec().getClass()).distinct().count()).isGreaterThanOrEqualTo(8);
    }

    private static String tuple(Shape s) {
        return s.rank() == 1 ? "(" + s.dim(0) + ",)"
                : s.toList().stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String py(double d) {
        return PyTorchModelSource.number(d);
    }

    /** Returns torch's module for a case, or {@code null} for a kind torch.nn has none of. */
    private static Reference reference(LayerSpec spec, List<Shape> in) {
        Shape x = in.get(0);
        String single = "m(xs[0])";
        if (spec instanceof Dense d) {
            return new Reference("nn.Linear(" + x.dim(-1) + ", " + d.units() + ", bias=" + pyBool(d.bias()) + ")",
                    single);
        }
        if (spec instanceof BatchNorm b) {
            String kind = x.rank() == 3 ? "nn.BatchNorm2d" : "nn.BatchNorm1d";
            return new Reference(kind + "(" + x.dim(0) + ", eps=" + py(b.epsilon()) + ")", single);
        }
        if (spec instanceof LayerNorm n) {
            return new Reference("nn.LayerNorm(" + x.dim(-1) + ", eps=" + py(n.epsilon()) + ")", single);
        }
        if (spec instanceof ConvTranspose c) {
            return new Reference("nn.ConvTranspose" + c.window().rank() + "d(" + x.dim(0) + ", " + c.filters()
                    + ", kernel_size=" + ints(c.window().kernel()) + ", stride=" + ints(c.window().stride())
                    + ", padding=" + ints(c.pads()) + ", output_padding=" + ints(c.outputPads()) + ", groups="
                    + c.groups() + ", bias=" + pyBool(c.bias()) + ", dilation=" + ints(c.window().dilation()) + ")",
                    single);
        }
        if (spec instanceof Upsample u) {
            String size = Arrays.stream(u.sizes()).allMatch(v -> v == 0)
                    ? "scale_factor=" + Arrays.stream(u.scales()).mapToObj(v -> v + ".0")
                            .collect(Collectors.joining(", ", "(", u.spatialRank() == 1 ? ",)" : ")"))
                    : "size=" + ints(u.sizes());
            return new Reference("nn.Upsample(" + size + ", mode='" + u.mode() + "'"
                    + (u.linear() ? ", align_corners=" + pyBool(u.alignCorners()) : "") + ")", single);
        }
        if (spec instanceof Border b) {
            // torch's constant padding crops where it is negative
            int sign = b.crops() ? -1 : 1;
            int[] before = b.before();
            int[] after = b.after();
            String pads = b.spatialRank() == 1 ? sign * before[0] + ", " + sign * after[0]
                    : sign * before[1] + ", " + sign * after[1] + ", " + sign * before[0] + ", " + sign * after[0];
            return new Reference("nn.ConstantPad" + b.spatialRank() + "d((" + pads + "), 0.0)", single);
        }
        if (spec instanceof AdaptiveAvgPool2d a) {
            return new Reference("nn.AdaptiveAvgPool2d(" + ints(a.size().stream().mapToInt(Integer::intValue).toArray())
                    + ")", single);
        }
        if (spec instanceof GroupNorm g) {
            return new Reference("nn.GroupNorm(" + g.groups() + ", " + x.dim(0) + ", eps=" + py(g.epsilon())
                    + ", affine=" + pyBool(g.affine()) + ")", single);
        }
        if (spec instanceof InstanceNorm n) {
            return new Reference("nn.InstanceNorm" + (x.rank() - 1) + "d(" + x.dim(0) + ", eps=" + py(n.epsilon())
                    + ", affine=" + pyBool(n.affine()) + ")", single);
        }
        if (spec instanceof Recurrent r) {
            String kind = r instanceof LSTM ? "LSTM" : r instanceof GRU ? "GRU" : "RNN";
            String act = r instanceof SimpleRNN s ? ", nonlinearity='" + s.activation() + "'" : "";
            return new Reference("nn." + kind + "(" + x.dim(-1) + ", " + r.hidden() + ", num_layers=" + r.layers()
                    + act + ", bidirectional=" + pyBool(r.bidirectional()) + ", batch_first=True)",
                    r.returnSequences() ? "m(xs[0])[0]" : "m(xs[0])[0][:, -1, :]");
        }
        if (spec instanceof MultiHeadAttention a) {
            return new Reference("nn.MultiheadAttention(" + x.dim(1) + ", " + a.heads() + ", dropout=" + py(a.dropout())
                    + ", bias=" + pyBool(a.bias()) + ", batch_first=True)",
                    in.size() == 3 ? "m(xs[0], xs[1], xs[2], need_weights=False)[0]"
                            : "m(xs[0], xs[0], xs[0], need_weights=False)[0]");
        }
        if (spec instanceof TransformerEncoder t) {
            return new Reference("nn.TransformerEncoder(nn.TransformerEncoderLayer(" + x.dim(1) + ", " + t.heads()
                    + ", dim_feedforward=" + t.feedForward() + ", dropout=" + py(t.dropout()) + ", activation='"
                    + t.activation() + "', batch_first=True, norm_first=" + pyBool(t.normFirst()) + "), " + t.layers()
                    + ")", single);
        }
        if (spec instanceof ReLU6) {
            return new Reference("nn.ReLU6()", single);
        }
        if (spec instanceof Hardswish) {
            return new Reference("nn.Hardswish()", single);
        }
        if (spec instanceof Hardsigmoid) {
            return new Reference("nn.Hardsigmoid()", single);
        }
        if (spec instanceof PReLU p) {
            return new Reference("nn.PReLU(num_parameters=" + (p.perChannel() ? x.dim(0) : 1) + ")", single);
        }
        if (spec instanceof Softplus s) {
            return new Reference("nn.Softplus(beta=" + py(s.beta()) + ", threshold=" + py(s.threshold()) + ")",
                    single);
        }
        if (spec instanceof LogSoftmax s) {
            return new Reference("nn.LogSoftmax(dim=" + (s.axis() < 0 ? s.axis() : s.axis() + 1) + ")", single);
        }
        if (spec instanceof Identity) {
            return new Reference("nn.Identity()", single);
        }
        return null;
    }

    /** Writes sizes as a Python tuple, which torch takes for one axis or several. */
    private static String ints(int[] values) {
        return java.util.Arrays.stream(values).mapToObj(String::valueOf)
                .collect(Collectors.joining(", ", "(", values.length == 1 ? ",)" : ")"));
    }

    private static String pyBool(boolean b) {
        return b ? "True" : "False";
    }
}
