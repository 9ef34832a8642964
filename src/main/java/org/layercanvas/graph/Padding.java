package org.layercanvas.graph;

import java.util.Arrays;
import java.util.Locale;

/**
 * Convolution padding as written in a design: {@code same}, {@code valid}, or sizes per spatial axis.
 *
 * @param same whether the output keeps the input's spatial size
 * @param sizes explicit zero-padding per spatial axis (one value means the same for every axis); empty
 *     when {@code same}
 */
record Padding(boolean same, int[] sizes) {

    /** Parses padding text, or returns {@code null} when the text is not padding. */
    static Padding parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("same")) {
            return new Padding(true, new int[0]);
        }
        if (t.equals("valid")) {
            return new Padding(false, new int[] {0});
        }
        String[] parts = t.split("\\s*[,x]\\s*");
        int[] sizes = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                sizes[i] = Integer.parseInt(parts[i]);
                if (sizes[i] < 0) {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new Padding(false, sizes);
    }

    /** Returns the explicit padding for {@code rank} spatial axes, or {@code null} if the count does not fit. */
    int[] explicit(int rank) {
        if (sizes.length == 1) {
            int[] all = new int[rank];
            Arrays.fill(all, sizes[0]);
            return all;
        }
        return sizes.length == rank ? sizes.clone() : null;
    }
}
