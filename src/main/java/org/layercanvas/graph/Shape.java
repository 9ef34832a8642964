package org.layercanvas.graph;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The shape of one sample's tensor, batch dimension left out; immutable. */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** Returns the shape with these dimensions. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** Returns the shape with these dimensions. */
    public static Shape of(List<Integer> dims) {
        return new Shape(dims.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Returns the number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Returns dimension {@code i}; a negative index counts from the end. */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    /** Returns a copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Returns the dimensions as a list. */
    public List<Integer> toList() {
        return Arrays.stream(dims).boxed().toList();
    }

    /** Returns the number of elements, the product of the dimensions. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Returns this shape with dimension {@code i} replaced. */
    public Shape with(int i, int value) {
        int[] copy = dims.clone();
        copy[i < 0 ? dims.length + i : i] = value;
        return new Shape(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Returns the shape as a person reads it: {@code (1,28,28)}. */
    @Override
    public String toString() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(",", "(", ")"));
    }
}
