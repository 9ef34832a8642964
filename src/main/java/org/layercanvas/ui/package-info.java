/** The JavaFX application: palette, canvas, inspector, problems, menus. No DJL here. */
package org.layercanvas.ui;
