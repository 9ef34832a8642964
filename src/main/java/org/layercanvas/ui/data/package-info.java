/** What a design trains on: the dataset section edited as a form, with a preview of the data. */
package org.layercanvas.ui.data;
