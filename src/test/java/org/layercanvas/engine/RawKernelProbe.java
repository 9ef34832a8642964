package org.layercanvas.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.LSTM;

/**
 * Probes libtorch's own kernels, without the engine's routes around them, against
 * {@link KernelReference}: a 2-D convolution over a grid of channel counts (forward, input and
 * weight gradients) and the fused float32 LSTM in inference over hidden sizes. Not a test: run it
 * under each {@code ONEDNN_MAX_CPU_ISA} after a libtorch upgrade to see whether
 * {@link ChannelPaddedConvolution} and the float64 LSTM inference are still needed
 * (docs/native-kernels.md has the command and today's results).
 */
public final class RawKernelProbe {
    private static final int[] CHANNELS = {1, 3, 4, 6, 8, 9, 12, 16, 17, 20, 24, 28, 32, 40};
    private static final int[] HIDDEN = {1, 5, 8, 15, 16, 17, 24, 31, 32, 33, 48, 64, 100, 128};

    private RawKernelProbe() {
    }

    /** Prints the failing cases per kind as {@code in/out:F|D|W} (forward, input, weight gradient). */
    public static void main(String[] args) {
        String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<String> conv = new ArrayList<>();
            for (int in : CHANNELS) {
                for (int out : CHANNELS) {
                    String wrong = conv(m, in, out);
                    if (!wrong.isEmpty()) {
                        conv.add(in + "/" + out + ":" + wrong);
                    }
                }
            }
            System.out.println("conv2d 3x3 under " + isa + ", wrong of " + CHANNELS.length * CHANNELS.length + ": "
                    + conv.size() + " " + conv);
            List<String> lstm = new ArrayList<>();
            for (int h : HIDDEN) {
                if (!lstmInference(m, h)) {
                    lstm.add("h=" + h);
                }
            }
            System.out.println("fused LSTM inference under " + isa + ", wrong of " + HIDDEN.length + ": " + lstm);
        }
    }

    /** Returns which of forward (F), input gradient (D) and weight gradient (W) were wrong. */
    private static String conv(NDManager parent, int in, int out) {
        Random r = new Random(in * 100 + out);
        Conv2d spec = new Conv2d(out, List.of(3, 3), List.of(1, 1), "1", List.of(1, 1), 1, true);
        int[] shape = {4, in, 10, 10};
        double[] x = gaussians(r, 4 * in * 100);
        double[] w = gaussians(r, out * in * 9);
        double[] b = gaussians(r, out);
        double[] up = gaussians(r, 4 * out * 100);
        KernelReference.ConvAnswer a = KernelReference.convolution(spec, x, shape, w, b, up);
        StringBuilder wrong = new StringBuilder();
        try (NDManager m = parent.newSubManager()) {
            NDArray xa = m.create(KernelCheck.floats(x), new Shape(4, in, 10, 10));
            NDArray wa = m.create(KernelCheck.floats(w), new Shape(out, in, 3, 3));
            NDArray ba = m.create(KernelCheck.floats(b), new Shape(out));
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(xa, wa, ba, new Shape(1, 1), new Shape(1, 1),
                        new Shape(1, 1), 1).head();
                gc.backward(y.mul(m.create(KernelCheck.floats(up), y.getShape())).sum());
                if (KernelCheck.differs("", y.toFloatArray(), a.out()) != null) {
                    wrong.append('F');
                }
                if (KernelCheck.differs("", xa.getGradient().toFloatArray(), a.dInput()) != null) {
                    wrong.append('D');
                }
                if (KernelCheck.differs("", wa.getGradient().toFloatArray(), a.dWeight()) != null) {
                    wrong.append('W');
                }
            }
        }
        return wrong.toString();
    }

    /** Returns whether torch's fused LSTM, in float32 inference, gives the known answer. */
    private static boolean lstmInference(NDManager parent, int hidden) {
        Random r = new Random(hidden);
        int batch = 4;
        int steps = 7;
        int features = 5;
        Map<String, double[]> p = new LinkedHashMap<>();
        p.put("weight_ih_l0", gaussians(r, 4 * hidden * features));
        p.put("weight_hh_l0", gaussians(r, 4 * hidden * hidden));
        p.put("bias_ih_l0", gaussians(r, 4 * hidden));
        p.put("bias_hh_l0", gaussians(r, 4 * hidden));
        double[] x = gaussians(r, batch * steps * features);
        double[] expected = KernelReference.recurrent(new LSTM(hidden, 1, false, true), x, batch, steps, features, p);
        try (NDManager m = parent.newSubManager()) {
            NDArray xa = m.create(KernelCheck.floats(x), new Shape(batch, steps, features));
            NDList w = new NDList(m.create(KernelCheck.floats(p.get("weight_ih_l0")), new Shape(4L * hidden, features)),
                    m.create(KernelCheck.floats(p.get("weight_hh_l0")), new Shape(4L * hidden, hidden)),
                    m.create(KernelCheck.floats(p.get("bias_ih_l0"))), m.create(KernelCheck.floats(p.get("bias_hh_l0"))));
            NDArray zeros = m.zeros(new Shape(1, batch, hidden));
            NDArray y = xa.getNDArrayInternal().lstm(xa, new NDList(zeros, zeros), w, true, 1, 0, false, false, true)
                    .head();
            return KernelCheck.differs("", y.toFloatArray(), expected) == null;
        }
    }

    private static double[] gaussians(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 0.5);
        }
        return v;
    }
}
