package org.layercanvas.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paths in a dataset section, written so that a design keeps finding its data: relative to the
 * design's folder, and rewritten when the design moves to another folder so that they still name the
 * same files. A path on another drive or root, where no relative path exists, stays absolute.
 */
public final class DatasetPaths {
    private DatasetPaths() {
    }

    /**
     * Returns the section with every path key (as the catalog marks them) naming the same file as
     * before, now relative to {@code toDir} where it can be.
     *
     * @param fromDir the folder the section's relative paths are resolved against now
     * @param toDir the folder they will be resolved against (the design's new folder)
     */
    public static Map<String, Object> rebase(Map<String, Object> section, Path fromDir, Path toDir) {
        DatasetKind kind = DatasetCatalog.kind(String.valueOf(section.get(DatasetCatalog.KIND.name()))).orElse(null);
        if (kind == null) {
            return section;
        }
        Map<String, Object> out = new LinkedHashMap<>(section);
        for (String key : kind.paths()) {
            if (section.get(key) instanceof String text && !text.isBlank()) {
                out.put(key, relative(resolve(text, fromDir), toDir));
            }
        }
        return out;
    }

    /**
     * Returns how a design in {@code designDir} names {@code file}: relative to that folder (with
     * {@code /} between names, as on every platform), or absolute where no relative path exists.
     */
    public static String relative(Path file, Path designDir) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = designDir.toAbsolutePath().normalize();
        if (abs.getRoot() == null || !abs.getRoot().equals(base.getRoot())) {
            return abs.toString();
        }
        String rel = base.relativize(abs).toString().replace(abs.getFileSystem().getSeparator(), "/");
        return rel.isEmpty() ? "." : rel;
    }

    private static Path resolve(String text, Path dir) {
        try {
            return dir.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Path.of(text);
        }
    }
}
