/** The run history: runs listed and compared, resumed, and exported to model files. */
package org.layercanvas.ui.runs;
