/** The command line: validate, summarize (and later train and export) designs without a window. */
package org.layercanvas.cli;
