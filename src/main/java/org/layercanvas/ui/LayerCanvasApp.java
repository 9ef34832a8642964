package org.layercanvas.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Design;
import org.layercanvas.io.RecoveryStore;

/** The desktop application: opens the main window on the design named on the command line, or a sample. */
public final class LayerCanvasApp extends Application {
    /** The design opened when none is named. */
    static final Path DEFAULT_DESIGN = Path.of("samples", "residual-cnn.json");

    private MainWindow window;

    /** Starts the desktop application; {@code args} may name a design file. */
    public static void launchWindow(String[] args) {
        Application.launch(LayerCanvasApp.class, args);
    }

    /** Switches between the light and the dark theme. */
    static void theme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void start(Stage stage) {
        theme(false);
        List<String> args = getParameters().getRaw();
        Path file = args.isEmpty() ? DEFAULT_DESIGN : Path.of(args.get(0));
        window = new MainWindow(stage, Design.of("untitled", Graph.empty()), null, RecoveryStore.standard());
        stage.show();
        // after a crash, the autosaved changes come first; else a missing default sample opens an
        // empty design, and a missing named file says so
        if (!window.offerRecovery() && (!args.isEmpty() || Files.exists(file))) {
            window.open(file);
        }
    }

    /** Returns the main window, for tests. */
    MainWindow window() {
        return window;
    }
}
