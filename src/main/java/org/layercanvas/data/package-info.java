/** Datasets: synthetic 2-D and sequence sets, CSV, IDX (MNIST format) and image folders; splits and normalization. */
package org.layercanvas.data;
