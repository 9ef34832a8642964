/** Turns designs into DJL blocks and trains them on the PyTorch engine. */
package org.layercanvas.engine;
