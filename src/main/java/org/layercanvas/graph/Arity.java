package org.layercanvas.graph;

/** How many incoming connections a layer kind takes. */
public enum Arity {
    /** A source, such as Input: no connections in. */
    NONE,
    /** Exactly one connection in. */
    ONE,
    /** Two or more connections in, ordered by port (Add, Concat). */
    MANY,
    /** One connection in, or three ordered by port (MultiHeadAttention's query, key and value). */
    ONE_OR_THREE
}
