package org.layercanvas.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The file choosers of the window, in one place so that every dialog is titled and filtered the
 * same way, and so that tests can answer them as a person would pick a file.
 */
public interface FileDialogs {

    /**
     * A file type a chooser offers.
     *
     * @param description what the files are, e.g. {@code CSV files}
     * @param patterns their names, e.g. {@code *.csv}
     */
    record Filter(String description, List<String> patterns) {
        public Filter {
            patterns = List.copyOf(patterns);
        }

        /** Returns a filter of one description and some patterns. */
        public static Filter of(String description, String... patterns) {
            return new Filter(description, List.of(patterns));
        }
    }

    /** Asks for an existing file; empty when the person cancels. */
    Optional<Path> open(Window owner, String title, Path initialDir, List<Filter> filters);

    /** Asks where to write a file; empty when the person cancels. */
    Optional<Path> save(Window owner, String title, Path initialDir, String initialName, List<Filter> filters);

    /** Asks for a folder; empty when the person cancels. */
    Optional<Path> folder(Window owner, String title, Path initialDir);

    /** Returns the platform's own choosers. */
    static FileDialogs standard() {
        return new FileDialogs() {
            @Override
            public Optional<Path> open(Window owner, String title, Path initialDir, List<Filter> filters) {
                FileChooser c = chooser(title, initialDir, filters);
                return path(c.showOpenDialog(owner));
            }

            @Override
            public Optional<Path> save(Window owner, String title, Path initialDir, String initialName,
                    List<Filter> filters) {
                FileChooser c = chooser(title, initialDir, filters);
                c.setInitialFileName(initialName);
                return path(c.showSaveDialog(owner));
            }

            @Override
            public Optional<Path> folder(Window owner, String title, Path initialDir) {
                DirectoryChooser c = new DirectoryChooser();
                c.setTitle(title);
                if (initialDir != null && Files.isDirectory(initialDir)) {
                    c.setInitialDirectory(initialDir.toFile());
                }
                return path(c.showDialog(owner));
            }

            private FileChooser chooser(String title, Path initialDir, List<Filter> filters) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                if (initialDir != null && Files.isDirectory(initialDir)) {
                    c.setInitialDirectory(initialDir.toFile());
                }
                for (Filter f : filters) {
                    c.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), f.patterns()));
                }
                return c;
            }

            private Optional<Path> path(File chosen) {
                return Optional.ofNullable(chosen).map(File::toPath);
            }
        };
    }
}
