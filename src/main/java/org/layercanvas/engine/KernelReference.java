package org.layercanvas.engine;

import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.layercanvas.graph.AvgPool1d;
import org.layercanvas.graph.AvgPool2d;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Convolution;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.GRU;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.Pooling;
import org.layercanvas.graph.Recurrent;
import org.layercanvas.graph.Window;

/**
 * What the layers compute, by their definitions, in plain Java doubles: the known answers the
 * kernel check holds the native library to. Nothing here touches a native kernel.
 *
 * <p>Arrays are flat and row-major, batch first, as PyTorch lays them out.
 */
final class KernelReference {
    private KernelReference() {
    }

    /** A convolution's output and the gradients of {@code Σ up·out} for its input, weight and bias. */
    record ConvAnswer(double[] out, double[] dInput, double[] dWeight, double[] dBias) {
    }

    /** A window sliding over a (height, width) plane; a 1-D input is a plane one row high. */
    private record Sliding(int h, int w, int kh, int kw, int sh, int sw, int dh, int dw, int ph, int pw) {
        static Sliding of(int[] shape, Window window, int[] pads) {
            boolean oneD = shape.length == 3;
            int[] k = window.kernel();
            int[] s = window.stride();
            int[] d = window.dilation();
            return new Sliding(oneD ? 1 : shape[2], last(shape), oneD ? 1 : k[0], last(k), oneD ? 1 : s[0], last(s),
                    oneD ? 1 : d[0], last(d), oneD ? 0 : pads[0], last(pads));
        }

        private static int last(int[] a) {
            return a[a.length - 1];
        }

        int outHeight() {
            return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        }

        int outWidth() {
            return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        }
    }

    /**
     * Convolves {@code x} of shape {@code (batch, channels, [height,] width)} and returns the
     * output with the gradients for the upstream gradient {@code up}.
     */
    static ConvAnswer convolution(Convolution spec, double[] x, int[] shape, double[] w, double[] b, double[] up) {
        int n = shape[0];
        int c = shape[1];
        Sliding g = Sliding.of(shape, spec.window(), spec.resolvedPadding());
        int h = g.h();
        int wd = g.w();
        int kh = g.kh();
        int kw = g.kw();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int filters = spec.filters();
        int groups = spec.groups();
        int perGroupIn = c / groups;
        int perGroupOut = filters / groups;
        double[] out = new double[n * filters * oh * ow];
        double[] dx = new double[x.length];
        double[] dWeight = new double[w.length];
        double[] dBias = new double[filters];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < filters; o++) {
                int group = o / perGroupOut;
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        int at = ((i * filters + o) * oh + y) * ow + z;
                        double sum = b == null ? 0 : b[o];
                        for (int ci = 0; ci < perGroupIn; ci++) {
                            for (int u = 0; u < kh; u++) {
                                int iy = y * g.sh() - g.ph() + u * g.dh();
                                for (int v = 0; v < kw; v++) {
                                    int ix = z * g.sw() - g.pw() + v * g.dw();
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                                        continue;
                                    }
                                    int xi = ((i * c + group * perGroupIn + ci) * h + iy) * wd + ix;
                                    int wi = ((o * perGroupIn + ci) * kh + u) * kw + v;
                                    sum += x[xi] * w[wi];
                                    dx[xi] += up[at] * w[wi];
                                    dWeight[wi] += up[at] * x[xi];
                                }
                            }
                        }
                        out[at] = sum;
                        dBias[o] += up[at];
                    }
                }
            }
        }
        return new ConvAnswer(out, dx, dWeight, dBias);
    }

    /**
     * Runs an LSTM or GRU from zero states over batch-first {@code x} of shape
     * {@code (batch, steps, features)} with PyTorch's parameters by name, and returns what the layer
     * block returns: every step's output, or the last step's.
     */
    static double[] recurrent(Recurrent spec, double[] x, int batch, int steps, int features,
            Map<String, double[]> params) {
        boolean lstm = spec instanceof LSTM;
        int hidden = lstm ? ((LSTM) spec).hidden() : ((GRU) spec).hidden();
        int dirs = spec.bidirectional() ? 2 : 1;
        double[] in = x;
        int width = features;
        for (int layer = 0; layer < spec.layers(); layer++) {
            double[] next = new double[batch * steps * hidden * dirs];
            for (int dir = 0; dir < dirs; dir++) {
                String tail = "_l" + layer + (dir == 1 ? "_reverse" : "");
                double[] wih = params.get("weight_ih" + tail);
                double[] whh = params.get("weight_hh" + tail);
                double[] bih = params.get("bias_ih" + tail);
                double[] bhh = params.get("bias_hh" + tail);
                for (int bi = 0; bi < batch; bi++) {
                    double[] h = new double[hidden];
                    double[] cell = new double[hidden];
                    for (int step = 0; step < steps; step++) {
                        int t = dir == 0 ? step : steps - 1 - step;
                        double[] gi = affine(wih, bih, in, (bi * steps + t) * width, width);
                        double[] gh = affine(whh, bhh, h, 0, hidden);
                        h = lstm ? lstmCell(gi, gh, cell, hidden) : gruCell(gi, gh, h, hidden);
                        System.arraycopy(h, 0, next, ((bi * steps + t) * dirs + dir) * hidden, hidden);
                    }
                }
            }
            in = next;
            width = hidden * dirs;
        }
        if (spec.returnSequences()) {
            return in;
        }
        double[] last = new double[batch * width];
        for (int bi = 0; bi < batch; bi++) {
            System.arraycopy(in, (bi * steps + steps - 1) * width, last, bi * width, width);
        }
        return last;
    }

    /** Returns {@code w·v[from..from+n) + b} for a weight of {@code b.length} rows. */
    private static double[] affine(double[] w, double[] b, double[] v, int from, int n) {
        double[] r = new double[b.length];
        for (int row = 0; row < r.length; row++) {
            double sum = b[row];
            for (int j = 0; j < n; j++) {
                sum += w[row * n + j] * v[from + j];
            }
            r[row] = sum;
        }
        return r;
    }

    /** One LSTM step (gates i, f, g, o); updates {@code cell} and returns the new hidden state. */
    private static double[] lstmCell(double[] gi, double[] gh, double[] cell, int hidden) {
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double i = sigmoid(gi[j] + gh[j]);
            double f = sigmoid(gi[hidden + j] + gh[hidden + j]);
            double g = Math.tanh(gi[2 * hidden + j] + gh[2 * hidden + j]);
            double o = sigmoid(gi[3 * hidden + j] + gh[3 * hidden + j]);
            cell[j] = f * cell[j] + i * g;
            h[j] = o * Math.tanh(cell[j]);
        }
        return h;
    }

    /** One GRU step (gates r, z, n), as PyTorch defines it. */
    private static double[] gruCell(double[] gi, double[] gh, double[] prev, int hidden) {
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double r = sigmoid(gi[j] + gh[j]);
            double z = sigmoid(gi[hidden + j] + gh[hidden + j]);
            double n = Math.tanh(gi[2 * hidden + j] + r * gh[2 * hidden + j]);
            h[j] = (1 - z) * n + z * prev[j];
        }
        return h;
    }

    /**
     * Pools {@code x} of shape {@code (batch, channels, [height,] width)}; padding counts as zeros in
     * an average (PyTorch's {@code count_include_pad}) and never wins a maximum.
     */
    static double[] pooling(Pooling spec, double[] x, int[] shape) {
        boolean average = spec instanceof AvgPool1d || spec instanceof AvgPool2d;
        int planes = shape[0] * shape[1];
        Sliding g = Sliding.of(shape, spec.window(), spec.pads());
        int oh = g.outHeight();
        int ow = g.outWidth();
        double[] out = new double[planes * oh * ow];
        for (int plane = 0; plane < planes; plane++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    double acc = average ? 0 : Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < g.kh(); u++) {
                        for (int v = 0; v < g.kw(); v++) {
                            int iy = y * g.sh() - g.ph() + u;
                            int ix = z * g.sw() - g.pw() + v;
                            if (iy < 0 || iy >= g.h() || ix < 0 || ix >= g.w()) {
                                continue;
                            }
                            double value = x[(plane * g.h() + iy) * g.w() + ix];
                            acc = average ? acc + value : Math.max(acc, value);
                        }
                    }
                    out[(plane * oh + y) * ow + z] = average ? acc / (g.kh() * g.kw()) : acc;
                }
            }
        }
        return out;
    }

    /** Averages ({@code max} false) or takes the largest value of each channel over its positions. */
    static double[] globalPool(boolean max, double[] x, int planes, int positions) {
        double[] out = new double[planes];
        for (int plane = 0; plane < planes; plane++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (int i = 0; i < positions; i++) {
                double v = x[plane * positions + i];
                acc = max ? Math.max(acc, v) : acc + v;
            }
            out[plane] = max ? acc : acc / positions;
        }
        return out;
    }

    /**
     * Normalizes axis 1 of {@code x} with the batch's statistics (biased variance) when training,
     * else with the running ones, then scales by gamma and shifts by beta.
     */
    static double[] batchNorm(BatchNorm spec, double[] x, int[] shape, Map<String, double[]> params, boolean training) {
        int batch = shape[0];
        int channels = shape[1];
        int positions = x.length / (batch * channels);
        double[] out = new double[x.length];
        for (int ch = 0; ch < channels; ch++) {
            double mean = params.get("runningMean")[ch];
            double var = params.get("runningVar")[ch];
            if (training) {
                double sum = 0;
                double squares = 0;
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < positions; i++) {
                        double v = x[(b * channels + ch) * positions + i];
                        sum += v;
                        squares += v * v;
                    }
                }
                int count = batch * positions;
                mean = sum / count;
                var = squares / count - mean * mean;
            }
            double scale = params.get("gamma")[ch] / Math.sqrt(var + spec.epsilon());
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < positions; i++) {
                    int at = (b * channels + ch) * positions + i;
                    out[at] = (x[at] - mean) * scale + params.get("beta")[ch];
                }
            }
        }
        return out;
    }

    /** Applies a dense layer to the last axis of {@code x} ({@code features} wide). */
    static double[] dense(Dense spec, double[] x, int features, double[] weight, double[] bias) {
        int rows = x.length / features;
        double[] out = new double[rows * spec.units()];
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < spec.units(); u++) {
                double sum = bias == null ? 0 : bias[u];
                for (int j = 0; j < features; j++) {
                    sum += weight[u * features + j] * x[r * features + j];
                }
                out[r * spec.units() + u] = sum;
            }
        }
        return out;
    }

    /** Returns the logistic function. */
    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Returns GELU as PyTorch defines it by default: {@code v·Φ(v)}, with the exact normal CDF. */
    static double gelu(double v) {
        return 0.5 * v * (1 + erf(v / Math.sqrt(2)));
    }

    /** Returns the error function, from its Taylor series near 0 and its continued fraction beyond. */
    static double erf(double v) {
        double a = Math.abs(v);
        double r;
        if (a < 2.5) {
            double term = a;
            double sum = a;
            for (int n = 1; n < 60; n++) {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(a) = exp(-a²)/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + ...))))
            double f = a;
            for (int n = 60; n >= 1; n--) {
                f = a + (n / 2.0) / f;
            }
            r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
        }
        return v < 0 ? -r : r;
    }

    /**
     * Returns the gradient of {@code loss} at {@code at} by central differences, at most
     * {@code samples} evenly spread coordinates of it (NaN elsewhere, where nothing is compared).
     */
    static double[] gradient(ToDoubleFunction<double[]> loss, double[] at, int samples) {
        double[] g = new double[at.length];
        java.util.Arrays.fill(g, Double.NaN);
        int step = Math.max(1, at.length / samples);
        double[] probe = at.clone();
        for (int i = 0; i < at.length; i += step) {
            double h = 1e-5 * Math.max(1, Math.abs(at[i]));
            probe[i] = at[i] + h;
            double up = loss.applyAsDouble(probe);
            probe[i] = at[i] - h;
            double down = loss.applyAsDouble(probe);
            probe[i] = at[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /** Returns {@code Σ up·out}, the loss whose gradients the check compares. */
    static double dot(double[] up, double[] out) {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += up[i] * out[i];
        }
        return sum;
    }
}
