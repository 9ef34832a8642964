package org.layercanvas.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.stage.Stage;
import org.layercanvas.engine.RunLauncher;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.io.RecoveryStore;
import org.layercanvas.ui.common.FileDialogs;

/**
 * The desktop application: makes what the window is given (folders, the background executor, the
 * file choosers) and opens the main window on the design named on the command line, or a sample.
 * Options: {@code --tab=data} or {@code --tab=settings} opens the side panel on that tab.
 */
public final class LayerCanvasApp extends Application {
    /** The design opened when none is named. */
    static final Path DEFAULT_DESIGN = samples().resolve("residual-cnn.json");

    /**
     * Returns the shipped samples: inside the app image when started from its launcher (jpackage
     * names the launcher in {@code jpackage.app-path}: {@code LayerCanvas/bin/LayerCanvas}, the
     * samples in {@code LayerCanvas/lib/app/samples}), else the {@code samples} folder here.
     */
    static Path samples() {
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null) {
            Path image = Path.of(launcher).toAbsolutePath().getParent().getParent();
            Path shipped = image.resolve("lib").resolve("app").resolve("samples");
            if (Files.isDirectory(shipped)) {
                return shipped;
            }
        }
        return Path.of("samples");
    }

    private ExecutorService executor;

    /** Starts the desktop application; {@code args} may name a design file and options. */
    public static void launchWindow(String[] args) {
        Application.launch(LayerCanvasApp.class, args);
    }

    /** Switches between the light and the dark theme. */
    public static void theme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Returns the executor for the window's background work: daemon threads, made as needed. */
    public static ExecutorService backgroundExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "background-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Stage stage) {
        theme(false);
        List<String> args = getParameters().getUnnamed();
        Map<String, String> options = getParameters().getNamed();
        Path file = args.isEmpty() ? DEFAULT_DESIGN : Path.of(args.get(0));
        Path home = Path.of(System.getProperty("user.home"), ".layercanvas");
        executor = backgroundExecutor();
        AppContext context = new AppContext(RunLauncher.nextToDesign(home.resolve("runs")), samples().resolve("data"),
                new RecentFiles(home.resolve("recent-designs.txt")), RecoveryStore.standard(), executor,
                FileDialogs.standard());
        MainWindow window = new MainWindow(stage, new Workbench(Design.of("", Graph.empty()), null, context));
        switch (options.getOrDefault("tab", "layer")) {
            case "data" -> window.showSideTab(1);
            case "settings" -> window.showSideTab(2);
            default -> window.showSideTab(0);
        }
        stage.show();
        // after a crash, the autosaved changes come first; else a missing default sample opens an
        // empty design, and a missing named file says so
        if (!window.offerRecovery() && (!args.isEmpty() || Files.exists(file))) {
            window.open(file);
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
