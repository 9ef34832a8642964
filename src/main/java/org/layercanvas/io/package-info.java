/** The design file format: versioned JSON, read with clear errors, written atomically. */
package org.layercanvas.io;
