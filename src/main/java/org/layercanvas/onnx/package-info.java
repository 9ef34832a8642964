/** ONNX files read through typed protobuf messages, and their import as a design with its weights. */
package org.layercanvas.onnx;
