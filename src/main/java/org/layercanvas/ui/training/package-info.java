/**
 * Training in the window: the training settings, the run with its live charts, pause, resume and
 * stop, the decision boundary of 2-D classes, and the evaluation of a finished run.
 */
package org.layercanvas.ui.training;
