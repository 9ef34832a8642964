/** The design document: an immutable graph of layers, the layer catalog, validation and shape inference. */
package org.layercanvas.graph;
