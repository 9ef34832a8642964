/** Trained models out to files other tools run (DJL, ONNX, PyTorch), each verified by loading it back. */
package org.layercanvas.export;
