package org.layercanvas.engine;

/** A training setting that cannot be used, with the key and the reason: {@code training.epochs: ...}. */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for a person. */
    public SettingsException(String message) {
        super(message);
    }
}
