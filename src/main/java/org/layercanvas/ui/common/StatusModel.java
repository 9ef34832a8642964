package org.layercanvas.ui.common;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the status bar says: the latest message any part of the window had for the person. Each
 * message counts, even one that repeats the last, so the bar can let each one expire in its turn.
 */
public final class StatusModel implements Consumer<String> {
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyLongWrapper said = new ReadOnlyLongWrapper();

    /** Says {@code text} in the status bar. */
    @Override
    public void accept(String text) {
        message.set(text);
        said.set(said.get() + 1);
    }

    /** Returns the latest message. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Returns how many messages have been said, one more with each. */
    public ReadOnlyLongProperty saidProperty() {
        return said.getReadOnlyProperty();
    }
}
