/**
 * The canvas where a design is drawn and edited: cards and connections that follow the design's
 * changes, one class per gesture (pan, connect, move, rubber band), the minimap and the palette.
 */
package org.layercanvas.ui.canvas;
