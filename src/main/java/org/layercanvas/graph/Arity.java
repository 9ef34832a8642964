package org.layercanvas.graph;

/** How many incoming connections a layer kind takes. */
public enum Arity {
    /** A source, such as Input: no connections in. */
    NONE,
    /** Exactly one connection in. */
    ONE,
    /** Two or more connections in, ordered by port (Add, Concat). */
    MANY
}
