package org.layercanvas.data;

import java.util.Locale;
import java.util.Random;

/**
 * A two-dimensional toy set generated from the seed, so nothing is read from disk.
 *
 * @param shape which toy set
 * @param size the number of samples in total, before the split
 * @param noise the standard deviation of the jitter on x and y (the sets are about 1 across)
 * @param classes the number of classes where the shape lets you choose (spirals, blobs)
 * @param validation the share of samples kept for validation
 */
public record SyntheticSource(SyntheticShape shape, int size, double noise, int classes, double validation)
        implements DataSource {
    /** Checks the parameters. */
    public SyntheticSource {
        if (shape == null || size < 2 || !(noise >= 0) || !(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException(shape + " " + size + " " + noise + " " + validation);
        }
        if (shape.fixedClasses() == 0 && classes < 2) {
            throw new IllegalArgumentException(classes + " classes");
        }
    }

    @Override
    public DataSplits load(long seed) throws DataException {
        Examples all = shape.generate(size, noise, classes, new Random(seed));
        return DataSplits.split(describe(), all, null, validation, seed, train -> Normalization.NONE);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s (%d, noise %s)", shape.key(), size, noise);
    }
}
