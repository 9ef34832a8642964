package org.layercanvas.ui.common;

import javafx.css.PseudoClass;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

/**
 * The button cell of a combo box that shows its prompt whenever no value is chosen. JavaFX's own
 * button cell shows the prompt only until a first value is chosen: set back to null (another kind of
 * dataset, a file without the label column), the box goes blank and no longer says what to choose.
 *
 * @param <T> the type of the combo box's items
 */
public final class PromptButtonCell<T> extends ListCell<T> {
    private static final PseudoClass PROMPT = PseudoClass.getPseudoClass("prompt");

    private final ComboBox<T> box;

    private PromptButtonCell(ComboBox<T> box) {
        this.box = box;
        box.promptTextProperty().addListener((o, a, b) -> updateItem(getItem(), isEmpty()));
    }

    /** Gives {@code box} a button cell that shows its prompt text, muted, while its value is null. */
    public static <T> void install(ComboBox<T> box) {
        box.setButtonCell(new PromptButtonCell<>(box));
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        // a value that is not among the items (a label before the file's columns are read) has no item
        T shown = item != null ? item : box.getValue();
        boolean prompt = shown == null;
        setText(prompt ? box.getPromptText() : box.getConverter().toString(shown));
        pseudoClassStateChanged(PROMPT, prompt);
    }
}
