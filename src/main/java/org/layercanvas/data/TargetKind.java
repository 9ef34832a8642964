package org.layercanvas.data;

/** What a dataset's targets are. */
public enum TargetKind {
    /** One class index per sample, from 0 to the number of classes minus one. */
    CLASSES,
    /** One or more real values per sample (regression). */
    VALUES
}
