package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.io.RecoveryStore;
import org.layercanvas.ui.common.FileDialogs;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A main window for tests, as the application makes it but on temporary folders: its own runs,
 * recent-files list and autosaves, and file choosers that answer with the paths a test gives, the
 * way a person would pick them, while recording each chooser's title.
 */
final class TestWindow {
    final Stage stage;
    final Path dir;
    final Dialogs dialogs = new Dialogs();
    final AppContext context;
    final Workbench bench;
    final MainWindow window;

    private TestWindow(Stage stage, Path dir) throws IOException {
        this.stage = stage;
        this.dir = dir;
        this.context = new AppContext(file -> dir.resolve("runs"), Path.of("samples", "data"),
                new RecentFiles(dir.resolve("recent.txt")), new RecoveryStore(Files.createDirectories(
                        dir.resolve("recovery"))), LayerCanvasApp.backgroundExecutor(), dialogs);
        this.bench = new Workbench(Design.of("", Graph.empty()), null, context);
        this.window = new MainWindow(stage, bench);
    }

    /** Opens a window on {@code stage} in a new temporary folder; call from a TestFX {@code @Start}. */
    static TestWindow open(Stage stage) throws IOException {
        LayerCanvasApp.theme(false);
        TestWindow w = new TestWindow(stage, Files.createTempDirectory("layercanvas-test"));
        stage.show();
        return w;
    }

    /** Waits, draining the FX queue, until {@code condition} holds or {@code millis} pass; fails then. */
    static void waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(condition.getAsBoolean()).as("waited %d ms", millis).isTrue();
    }

    /**
     * Opens {@code node}'s context menu as a person does, with a right-click. Desktop platforms turn
     * the click into a context-menu request; Monocle's headless glass does not (its mouse input
     * never sends one), so the request it would send follows the click, at the same point.
     */
    static void rightClick(FxRobot robot, Node node) {
        robot.rightClickOn(node);
        Bounds b = node.localToScreen(node.getBoundsInLocal());
        Bounds local = node.getBoundsInLocal();
        robot.interact(() -> node.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                local.getCenterX(), local.getCenterY(), b.getCenterX(), b.getCenterY(), false, null)));
    }

    /** File choosers that answer with paths given in advance, in order, and remember their titles. */
    static final class Dialogs implements FileDialogs {
        private final Deque<Path> answers = new ArrayDeque<>();
        final List<String> titles = new ArrayList<>();

        /** Gives the answer to the next chooser. */
        void answer(Path path) {
            answers.add(path);
        }

        private Optional<Path> next(String title) {
            titles.add(title);
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public Optional<Path> open(Window owner, String title, Path initialDir, List<Filter> filters) {
            return next(title);
        }

        @Override
        public Optional<Path> save(Window owner, String title, Path initialDir, String initialName,
                List<Filter> filters) {
            return next(title);
        }

        @Override
        public Optional<Path> folder(Window owner, String title, Path initialDir) {
            return next(title);
        }
    }
}
