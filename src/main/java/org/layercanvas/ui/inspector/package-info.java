/** The selected layer's name and parameters, and the design's problems, live. */
package org.layercanvas.ui.inspector;
