package org.layercanvas.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of dataset as the {@link DatasetCatalog} describes it: its name in the file, how a form
 * names it, what it is, and its keys in the order a form shows them and the loader reads them.
 *
 * @param name the {@code kind} value in the file, e.g. {@code csv}
 * @param label what a form calls it, e.g. {@code CSV file}
 * @param doc what the data is and what the network sees of it
 * @param keys every key of this kind besides {@code kind} itself, {@code validation} last
 */
public record DatasetKind(String name, String label, String doc, List<DatasetKey> keys) {

    public DatasetKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(doc, "doc");
        keys = List.copyOf(keys);
    }

    /** Returns the key with this name, if this kind has it. */
    public Optional<DatasetKey> key(String keyName) {
        return keys.stream().filter(k -> k.name().equals(keyName)).findFirst();
    }

    /** Returns the names of the keys a section of this kind must have, besides {@code kind}. */
    public List<String> required() {
        return keys.stream().filter(DatasetKey::required).map(DatasetKey::name).toList();
    }

    /** Returns the names of the keys that hold paths, relative to the design's folder or absolute. */
    public List<String> paths() {
        return keys.stream().filter(k -> k.type().isPath()).map(DatasetKey::name).toList();
    }
}
