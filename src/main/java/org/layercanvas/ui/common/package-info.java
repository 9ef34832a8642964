/**
 * What every feature of the window builds on: the open design as JavaFX sees it, its readiness to
 * train, the background executor, the file choosers and the charts' look. Features may use this
 * package, never each other.
 */
package org.layercanvas.ui.common;
