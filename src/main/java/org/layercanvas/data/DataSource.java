package org.layercanvas.data;

/** Somewhere samples come from: a generator, a CSV file, IDX files, a folder of images. */
public interface DataSource {

    /**
     * Loads the samples and splits them into training and validation (and test, where the files
     * provide one), normalizing features with statistics of the training split only.
     *
     * @param seed decides the split (and, for generated sets, the samples): same seed, same data
     * @throws DataException when the data is missing, malformed or empty, with what and where
     */
    DataSplits load(long seed) throws DataException;

    /** Returns a short description for titles and logs, e.g. {@code iris.csv} or {@code spirals (1000)}. */
    String describe();
}
