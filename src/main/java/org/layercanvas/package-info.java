/** LayerCanvas: design neural networks visually, train them live, export them. */
package org.layercanvas;
