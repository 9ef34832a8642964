package org.layercanvas.graph;

/** The value type of a layer parameter and the Java type its record component has. */
public enum ParamType {
    /** A whole number ({@code int}). */
    INT(int.class),
    /** A real number ({@code double}). */
    DOUBLE(double.class),
    /** On or off ({@code boolean}). */
    BOOLEAN(boolean.class),
    /** One of a fixed list of words ({@code String}). */
    CHOICE(String.class),
    /** A tuple of whole numbers, such as a kernel size or a shape ({@code List<Integer>}). */
    DIMS(java.util.List.class),
    /** Convolution padding: {@code same}, {@code valid} or explicit sizes like {@code 1} or {@code 1,2}. */
    PADDING(String.class),
    /** Free text that must not be blank, such as the definition a block uses ({@code String}). */
    TEXT(String.class);

    private final Class<?> javaType;

    ParamType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** Returns the Java type a record component of this parameter type has. */
    public Class<?> javaType() {
        return javaType;
    }
}
