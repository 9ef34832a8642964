package org.layercanvas.ui.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.layercanvas.io.RecoveryStore;
import org.layercanvas.ui.common.FileDialogs;

/**
 * What the window is given rather than finds for itself, so that tests give it temporary folders:
 * where each design's runs go, where the shipped samples are, the recent-files list, the autosave store, the
 * executor for background work and the file choosers.
 *
 * @param runsRootFor the folder a design's run folders are made in, for its file (null for a design
 *     not saved yet); see {@link org.layercanvas.engine.RunLauncher#nextToDesign}
 * @param samplesDir the folder of the shipped sample data ({@code samples/data})
 * @param recent the recent-files list
 * @param recovery where unsaved changes are autosaved
 * @param executor the one executor for background work; the application shuts it down
 * @param dialogs the file choosers
 */
public record AppContext(Function<Path, Path> runsRootFor, Path samplesDir, RecentFiles recent, RecoveryStore recovery,
        ExecutorService executor, FileDialogs dialogs) {
    public AppContext {
        Objects.requireNonNull(runsRootFor, "runsRootFor");
        Objects.requireNonNull(samplesDir, "samplesDir");
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(dialogs, "dialogs");
    }

    /** Returns the folder of the shipped sample designs, which File → New from Template offers. */
    public Path templatesDir() {
        Path parent = samplesDir.toAbsolutePath().getParent();
        return parent == null ? samplesDir : parent;
    }
}
