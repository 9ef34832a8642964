package org.layercanvas.ui.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import org.layercanvas.io.RecoveryStore;
import org.layercanvas.ui.common.FileDialogs;

/**
 * What the window is given rather than finds for itself, so that tests give it temporary folders:
 * where runs go, where the shipped samples are, the recent-files list, the autosave store, the
 * executor for background work and the file choosers.
 *
 * @param runsRoot the folder run folders are made in
 * @param samplesDir the folder of the shipped sample data ({@code samples/data})
 * @param recent the recent-files list
 * @param recovery where unsaved changes are autosaved
 * @param executor the one executor for background work; the application shuts it down
 * @param dialogs the file choosers
 */
public record AppContext(Path runsRoot, Path samplesDir, RecentFiles recent, RecoveryStore recovery,
        ExecutorService executor, FileDialogs dialogs) {
    public AppContext {
        Objects.requireNonNull(runsRoot, "runsRoot");
        Objects.requireNonNull(samplesDir, "samplesDir");
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(dialogs, "dialogs");
    }
}
