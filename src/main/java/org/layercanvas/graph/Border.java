package org.layercanvas.graph;

/** Adds zeros around the spatial axes, or cuts values off them: sizes per side, channels kept. */
public sealed interface Border extends Resizing permits ZeroPad1d, ZeroPad2d, Crop1d, Crop2d {

    /** Returns whether the layer cuts values off instead of adding zeros. */
    boolean crops();

    /** Returns the size added or cut at the start of each spatial axis (top, left). */
    int[] before();

    /** Returns the size added or cut at the end of each spatial axis (bottom, right). */
    int[] after();

    @Override
    default SizesOrError resize(int[] in) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            int change = before()[i] + after()[i];
            out[i] = crops() ? in[i] - change : in[i] + change;
            if (out[i] <= 0) {
                return SizesOrError.error("cuts " + change + " off an axis of size " + in[i] + ", which leaves nothing");
            }
        }
        return SizesOrError.of(out);
    }
}
