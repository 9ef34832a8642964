package org.layercanvas.ui.common;

import java.util.Locale;
import java.util.function.LongFunction;

/** Counts and sizes the way the window shows them: short enough to read at a glance. */
public final class Counts {
    private Counts() {
    }

    /** Returns a count the way a card shows it: {@code 144}, {@code 2.3k}, {@code 6.5M}, {@code 1.2G}. */
    public static String compact(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 999_950) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        if (n < 999_950_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fG", n / 1e9);
    }

    /** Returns a size in bytes as {@code 512 B}, {@code 726.0 KiB} or {@code 3.4 MiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        return n < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    }

    /**
     * Returns a number of parameters with those training does not learn named apart, as Keras and
     * PyTorch count them: {@code 19.7k trainable parameters + 288 not trained (running statistics)},
     * or {@code 19.7k parameters} when every one is trainable.
     *
     * @param count how a count is written, e.g. {@link #compact(long)}
     */
    public static String parameters(long total, long notTrained, LongFunction<String> count) {
        if (notTrained == 0) {
            return count.apply(total) + " parameters";
        }
        return count.apply(total - notTrained) + " trainable parameters + " + count.apply(notTrained)
                + " not trained (running statistics)";
    }

    /** Returns a count in full with thousands separators: {@code 19,706}. */
    public static String full(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
