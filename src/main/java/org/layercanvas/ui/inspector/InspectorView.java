package org.layercanvas.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;
import org.layercanvas.edit.MakeIndependentCommand;
import org.layercanvas.edit.RenameCommand;
import org.layercanvas.edit.SetParamCommand;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.NodeReport;
import org.layercanvas.graph.Param;
import org.layercanvas.graph.ParamType;
import org.layercanvas.ui.common.Counts;
import org.layercanvas.ui.common.DesignEditor;

/**
 * The inspector: the selected layer's name and parameters in a property sheet, with the catalog's
 * docs as descriptions. A value out of bounds is refused with the reason; every accepted change is
 * one undoable command.
 */
public final class InspectorView extends VBox {
    private final DesignEditor editor;
    private final Consumer<String> status;
    private final Label title = new Label("No layer selected");
    private final Label doc = new Label("Select a layer on the canvas to edit it.");
    private final Label facts = new Label();
    private final TextField name = new TextField();
    private final PropertySheet sheet = new PropertySheet();
    private final Label message = new Label();
    private String shownId;
    private final HBox blockActions = new HBox(6);
    private final Button independent = new Button("Make Independent");

    public InspectorView(DesignEditor editor, Consumer<String> status) {
        super(8);
        this.editor = editor;
        this.status = status;
        getStyleClass().add("inspector");
        title.getStyleClass().add("panel-title");
        title.setId("inspector-title");
        doc.setWrapText(true);
        doc.getStyleClass().add("inspector-doc");
        facts.getStyleClass().add("inspector-facts");
        facts.setId("inspector-facts");
        facts.setWrapText(true);
        name.setId("inspector-name");
        name.setPromptText("Layer name");
        name.setOnAction(e -> rename());
        name.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                rename();
            }
        });
        sheet.setId("inspector-sheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(new DefaultPropertyEditorFactory() {
            @Override
            public org.controlsfx.property.editor.PropertyEditor<?> call(PropertySheet.Item item) {
                if (item instanceof ParamItem p) {
                    switch (p.param.type()) {
                        case CHOICE -> {
                            return Editors.createChoiceEditor(item, p.param.choices());
                        }
                        case BOOLEAN -> {
                            return Editors.createCheckEditor(item);
                        }
                        default -> {
                            return new CommitOnEnterEditor(item);
                        }
                    }
                }
                return super.call(item);
            }
        });
        VBox.setVgrow(sheet, Priority.ALWAYS);
        message.setId("inspector-message");
        message.setWrapText(true);
        message.getStyleClass().add("panel-message");
        message.managedProperty().bind(message.visibleProperty());
        message.setVisible(false);
        Button open = new Button("Open Block");
        open.setId("inspector-open-block");
        open.setTooltip(new Tooltip("Edit the layers inside; every instance of the block changes (double-click the card"
                + " does the same)"));
        open.setOnAction(e -> {
            if (shownId != null && editor.scope().canEnter(shownId)) {
                editor.scope().enter(shownId);
            }
        });
        independent.setId("inspector-make-independent");
        independent.setTooltip(new Tooltip("Give this instance a copy of the block of its own, so that editing it no"
                + " longer changes the others"));
        independent.setOnAction(e -> {
            if (shownId != null) {
                editor.scope().execute(new MakeIndependentCommand(shownId, editor.scope().graph().newBlockId()))
                        .ifPresent(status);
            }
        });
        blockActions.getChildren().addAll(open, independent);
        blockActions.managedProperty().bind(blockActions.visibleProperty());
        blockActions.setVisible(false);
        getChildren().addAll(title, doc, facts, name, blockActions, sheet, message);
        editor.selection().addListener((javafx.collections.SetChangeListener<String>) c -> show());
        editor.scope().onChange(c -> show());
        show();
    }

    private void show() {
        message.setVisible(false);
        String only = editor.selection().size() == 1 ? editor.selection().iterator().next() : null;
        // while a deletion empties the selection one id at a time, the graph no longer has them
        LayerNode node = only != null && editor.scope().graph().contains(only) ? editor.scope().graph().node(only) : null;
        boolean visible = node != null;
        name.setVisible(visible);
        sheet.setVisible(visible);
        Block block = node != null && node.spec() instanceof Block b && editor.scope().canEnter(node.id()) ? b : null;
        blockActions.setVisible(block != null);
        if (node == null) {
            shownId = null;
            title.setText(editor.selection().isEmpty() ? "No layer selected"
                    : editor.selection().size() + " layers selected");
            doc.setText("Select one layer on the canvas to edit it.");
            facts.setText("");
            return;
        }
        title.setText(node.kind());
        doc.setText(node.spec().type().doc());
        if (block != null) {
            int uses = editor.graph().uses(block.definition());
            title.setText("Block · " + editor.graph().blocks().get(block.definition()).name());
            doc.setText("A group of layers defined once in the design" + (uses > 1 ? ", used by " + uses
                    + " instances: editing inside it changes them all." : ".") + " Repeat chains copies of it.");
            independent.setDisable(uses < 2);
        }
        NodeReport r = editor.scope().analysis().report(node.id());
        facts.setText("Output " + (r.output() == null ? "?" : r.output()) + " · "
                + Counts.parameters(r.params(), r.nonTrainable(), Counts::full) + " · " + Counts.full(r.flops())
                + " FLOPs");
        if (!node.id().equals(shownId) || !name.isFocused()) {
            name.setText(node.name());
        }
        List<Param> params = editable(node);
        if (!params.stream().map(Param::name).toList()
                .equals(sheet.getItems().stream().map(PropertySheet.Item::getName).toList())) {
            shownId = null;
        }
        var values = node.spec().type().values(node.spec());
        if (node.id().equals(shownId) && sheet.getItems().size() == params.size()) {
            // the same layer: update the values in place, so an editor being typed in stays put
            for (PropertySheet.Item item : sheet.getItems()) {
                ((ParamItem) item).current.set(((ParamItem) item).shown(values.get(item.getName())));
            }
            return;
        }
        shownId = node.id();
        List<PropertySheet.Item> items = new ArrayList<>();
        for (Param p : params) {
            items.add(new ParamItem(node.id(), p, values.get(p.name())));
        }
        sheet.getItems().setAll(FXCollections.observableArrayList(items));
    }

    /** Returns the parameters a person edits here: not a block's definition id, which the design manages. */
    private static List<Param> editable(LayerNode node) {
        return node.spec().type().params().stream().filter(p -> p.type() != ParamType.TEXT).toList();
    }

    private void rename() {
        if (shownId == null || !editor.scope().graph().contains(shownId)) {
            return;
        }
        String text = name.getText().trim();
        if (text.isEmpty()) {
            status.accept("A layer needs a name.");
            name.setText(editor.scope().graph().node(shownId).name());
        } else if (!text.equals(editor.scope().graph().node(shownId).name())) {
            editor.scope().execute(new RenameCommand(shownId, text));
        }
    }

    /** One parameter in the property sheet; setting it runs a command or says why not. */
    private final class ParamItem implements PropertySheet.Item {
        private final String nodeId;
        private final Param param;
        private final SimpleObjectProperty<Object> current = new SimpleObjectProperty<>();

        ParamItem(String nodeId, Param param, Object value) {
            this.nodeId = nodeId;
            this.param = param;
            current.set(shown(value));
        }

        /** Returns a value as its editor shows it: tuples as {@code 3x3}, numbers as text. */
        Object shown(Object value) {
            return switch (param.type()) {
                case BOOLEAN, CHOICE -> value;
                default -> Param.format(value);
            };
        }

        @Override
        public Class<?> getType() {
            return param.type() == ParamType.BOOLEAN ? Boolean.class : String.class;
        }

        @Override
        public String getCategory() {
            return "Parameters";
        }

        @Override
        public String getName() {
            return param.name();
        }

        @Override
        public String getDescription() {
            return param.doc();
        }

        @Override
        public Object getValue() {
            return current.get();
        }

        @Override
        public void setValue(Object raw) {
            if (raw == null || raw.equals(current.get())) {
                return;
            }
            Object value;
            try {
                value = raw instanceof String text ? param.parse(text) : param.coerce(raw);
            } catch (IllegalArgumentException e) {
                refuse(param.name() + ": " + e.getMessage());
                return;
            }
            Optional<String> problem = param.problem(value);
            if (problem.isPresent()) {
                refuse(problem.get());
                return;
            }
            editor.scope().execute(new SetParamCommand(nodeId, param.name(), value)).ifPresent(why -> refuse(why));
        }

        private void refuse(String why) {
            status.accept("Refused: " + why);
            message.setText("Refused: " + why);
            message.setVisible(true);
            // the field shows the value the layer keeps, not the one refused
            Object accepted = current.get();
            current.set(null);
            current.set(accepted);
        }

        @Override
        public Optional<ObservableValue<?>> getObservableValue() {
            return Optional.of(current);
        }
    }

    /** A text editor that hands its value over on Enter or when it loses focus, not at every key. */
    private static final class CommitOnEnterEditor
            extends org.controlsfx.property.editor.AbstractPropertyEditor<Object, TextField> {
        private SimpleObjectProperty<Object> committed;

        CommitOnEnterEditor(PropertySheet.Item item) {
            super(item, new TextField(), false);
            TextField field = getEditor();
            field.setOnAction(e -> commit());
            field.focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    commit();
                }
            });
        }

        private void commit() {
            committed().set(getEditor().getText());
        }

        private SimpleObjectProperty<Object> committed() {
            // the super constructor asks for it before this class's fields are set
            if (committed == null) {
                committed = new SimpleObjectProperty<>();
            }
            return committed;
        }

        @Override
        protected ObservableValue<Object> getObservableValue() {
            return committed();
        }

        @Override
        public void setValue(Object value) {
            getEditor().setText(value == null ? "" : value.toString());
        }
    }
}
