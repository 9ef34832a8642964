package org.layercanvas.ui.common;

import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

/** How every typed field of the window takes its value: on Enter or when the field loses focus; Escape puts back what the design holds. */
public final class Fields {
    private Fields() {
    }

    /** Runs {@code commit} on Enter and when {@code field} loses focus, and {@code revert} on Escape. */
    public static void commitOnEnterOrLeave(TextField field, Runnable commit, Runnable revert) {
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit.run();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                revert.run();
                e.consume();
            }
        });
    }
}
