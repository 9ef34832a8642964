package org.layercanvas.cli;

import java.util.Locale;

/** How the command line writes counts and sizes for people. */
final class Formats {
    private Formats() {
    }

    /** Returns a count with thousands separators: {@code 101,770}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Returns a byte size in binary units: {@code 3.1 KiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
