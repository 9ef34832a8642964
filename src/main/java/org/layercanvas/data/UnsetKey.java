package org.layercanvas.data;

import java.util.Objects;

/**
 * A key a dataset section must have and does not: nothing chosen yet for it (no data file, no label
 * column), so that a caller can say where to choose it.
 *
 * @param kind the kind of dataset the section is
 * @param key the key that is not set
 */
public record UnsetKey(DatasetKind kind, DatasetKey key) {
    public UnsetKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }
}
