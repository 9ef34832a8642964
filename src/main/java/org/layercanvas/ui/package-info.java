/**
 * The JavaFX window, one sub-package per feature (canvas, inspector, data, training, runs) on a
 * common base; features meet in {@code app}. No DJL here.
 */
package org.layercanvas.ui;
