package org.layercanvas.ui.canvas;

import javafx.geometry.Point2D;
import javafx.scene.input.MouseEvent;

/** One thing a person does with the mouse on the canvas, from press to release: pan, move, connect, select. */
interface Gesture {

    /** Returns whether this gesture takes the press; {@code at} is in design units. */
    boolean press(MouseEvent e, Point2D at);

    /** Follows the pointer while the button is held. */
    void drag(MouseEvent e, Point2D at);

    /** Ends the gesture, committing what it did as one command. */
    void release(MouseEvent e, Point2D at);
}
