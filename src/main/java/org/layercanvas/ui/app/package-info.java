/**
 * The application and its main window: where the features meet. Menus, toolbar, file actions,
 * autosave and recovery, the status bar, and the wiring of the window's models and views.
 */
package org.layercanvas.ui.app;
