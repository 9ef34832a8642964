package org.layercanvas.data;

/** What a dataset's targets are. */
public enum TargetKind {
    /** One class index per sample, from 0 to the number of classes minus one. */
    CLASSES,
    /** One or more real values per sample (regression), or a whole image of them (reconstruction). */
    VALUES,
    /**
     * One class index per position of a sample: an H×W mask for an image, L for a sequence
     * (segmentation); each from 0 to the number of classes minus one.
     */
    POSITION_CLASSES
}
