package org.layercanvas.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote and how it was checked.
 *
 * @param format the format's name
 * @param files the files written
 * @param maxDifference the largest difference between the exported model's outputs and the trained
 *     model's on the same probe inputs
 * @param verifiedBy what loaded the files back, e.g. {@code DJL Model.load}
 */
public record ExportReport(String format, List<Path> files, double maxDifference, String verifiedBy) {
    public ExportReport {
        files = List.copyOf(files);
    }
}
