/** Every change a person makes to a design, as an undoable command on a bounded stack. */
package org.layercanvas.edit;
