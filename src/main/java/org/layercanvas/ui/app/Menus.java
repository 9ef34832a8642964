package org.layercanvas.ui.app;

import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.layercanvas.ui.canvas.CanvasActions;
import org.layercanvas.ui.canvas.CanvasView;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.training.TrainingModel;
import org.layercanvas.ui.training.TrainingView;

/** The menu bar and the toolbar: every command of the window with its shortcut. */
final class Menus {
    private final DesignEditor editor;
    private final FileActions files;
    private final CanvasView canvas;
    private final CanvasActions edits;
    private final TrainingModel training;
    private final Runnable export;

    Menus(DesignEditor editor, FileActions files, CanvasView canvas, CanvasActions edits, TrainingModel training,
            Runnable export) {
        this.editor = editor;
        this.files = files;
        this.canvas = canvas;
        this.edits = edits;
        this.training = training;
        this.export = export;
    }

    /** Returns the menu bar; {@code side} shows a side tab, {@code help} the Help menu's dialogs. */
    MenuBar menuBar(SidePanel side, HelpDialogs help) {
        Menu file = new Menu("File", null,
                item("New", "Shortcut+N", files::newDesign),
                item("New from Template…", "Shortcut+Shift+N", files::newFromTemplate),
                item("Open…", "Shortcut+O", files::open),
                files.recentMenu(),
                new SeparatorMenuItem(),
                item("Save", "Shortcut+S", files::save),
                item("Save As…", "Shortcut+Shift+S", files::saveAs),
                new SeparatorMenuItem(),
                item("Import ONNX…", "Shortcut+I", files::importOnnx),
                item("Export Trained Model…", "Shortcut+E", export),
                new SeparatorMenuItem(),
                item("Close", "Shortcut+W", files::close),
                item("Quit", "Shortcut+Q", files::close));
        MenuItem undo = item("Undo", "Shortcut+Z", editor::undo);
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", editor::redo);
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(),
                item("Cut", "Shortcut+X", edits::cut),
                item("Copy", "Shortcut+C", edits::copy),
                item("Paste", "Shortcut+V", edits::paste),
                item("Duplicate", "Shortcut+D", edits::duplicate),
                item("Delete", "Delete", canvas::deleteSelection),
                new SeparatorMenuItem(),
                item("Select All", "Shortcut+A", canvas::selectAll),
                new SeparatorMenuItem(),
                item("Group into Block", "Shortcut+G", edits::group),
                item("Ungroup Block", "Shortcut+Shift+G", edits::ungroup),
                item("Open Block", null, edits::openSelectedBlock),
                item("Leave Block", "Alt+Up", edits::leaveBlock));
        edit.setOnShowing(e -> {
            undo.setText(editor.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
            undo.setDisable(editor.undoDescription().isEmpty());
            redo.setText(editor.redoDescription().map(d -> "Redo " + d).orElse("Redo"));
            redo.setDisable(editor.redoDescription().isEmpty());
        });
        Menu view = new Menu("View", null,
                item("Zoom In", "Shortcut+Equals", () -> canvas.zoomBy(1.25)),
                item("Zoom Out", "Shortcut+Minus", () -> canvas.zoomBy(0.8)),
                item("Fit to Window", "Shortcut+0", canvas::fit),
                new SeparatorMenuItem(),
                item("Auto-layout Top-Down", "Shortcut+L", () -> edits.autoLayout(true)),
                item("Auto-layout Left-Right", "Shortcut+Shift+L", () -> edits.autoLayout(false)),
                new SeparatorMenuItem(),
                item("Layer Panel", "Shortcut+1", () -> side.show(0)),
                item("Data Panel", "Shortcut+2", () -> side.show(1)),
                item("Settings Panel", "Shortcut+3", () -> side.show(2)),
                new SeparatorMenuItem(),
                item("Light Theme", null, () -> LayerCanvasApp.theme(false)),
                item("Dark Theme", null, () -> LayerCanvasApp.theme(true)));
        MenuItem train = item("Train", "Shortcut+R", training::start);
        train.disableProperty().bind(training.trainBlocker().isNotEmpty());
        Menu run = new Menu("Run", null, train,
                item("Pause / Resume", "Shortcut+P", training::togglePause),
                item("Stop", "Shortcut+Period", training::stop));
        Menu helpMenu = new Menu("Help", null,
                item("Layer Reference", "F1", help::layerReference),
                item("Keyboard Shortcuts", null, help::shortcuts),
                item("About LayerCanvas", null, help::about));
        MenuBar bar = new MenuBar(file, edit, view, run, helpMenu);
        bar.setId("menu-bar");
        return bar;
    }

    /** Returns the toolbar. */
    ToolBar toolbar() {
        Button train = new Button(null, new FontIcon(MaterialDesignP.PLAY_OUTLINE));
        train.setId("toolbar-train");
        train.setFocusTraversable(false);
        train.setOnAction(e -> training.start());
        ToolBar bar = new ToolBar(
                button(MaterialDesignF.FILE_PLUS_OUTLINE, "New design (Ctrl+N)", files::newDesign),
                button(MaterialDesignF.FOLDER_OPEN_OUTLINE, "Open a design (Ctrl+O)", files::open),
                button(MaterialDesignC.CONTENT_SAVE_OUTLINE, "Save (Ctrl+S)", files::save),
                new Separator(),
                button(MaterialDesignU.UNDO, "Undo (Ctrl+Z)", editor::undo),
                button(MaterialDesignR.REDO, "Redo (Ctrl+Shift+Z)", editor::redo),
                new Separator(),
                button(MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in (Ctrl+=)", () -> canvas.zoomBy(1.25)),
                button(MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out (Ctrl+-)", () -> canvas.zoomBy(0.8)),
                button(MaterialDesignF.FIT_TO_PAGE_OUTLINE, "Fit the design in the window (Ctrl+0)", canvas::fit),
                button(MaterialDesignS.SITEMAP_OUTLINE, "Auto-layout top-down (Ctrl+L)", () -> edits.autoLayout(true)),
                new Separator(), TrainingView.withReason(train, training));
        bar.setId("toolbar");
        return bar;
    }

    private static Button button(Ikon icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
