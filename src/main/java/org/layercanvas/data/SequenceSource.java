package org.layercanvas.data;

import java.util.List;
import java.util.Random;

/**
 * Random token sequences generated from the seed, for recurrent and embedding designs: class 1
 * ("majority") when more than half of the tokens are in the lower half of the vocabulary, class 0
 * ("minority") otherwise, so the network has to count over the whole sequence.
 *
 * <p>Features are token ids 0 to {@code vocabulary - 1} stored as floats, shape {@code [length]};
 * they are not normalized, since an embedding looks them up by id. With an even length a tie
 * counts as "minority", so that class is somewhat larger.
 *
 * @param length the number of tokens per sequence
 * @param vocabulary the number of distinct tokens
 * @param size the number of sequences in total, before the split
 * @param validation the share of sequences kept for validation
 */
public record SequenceSource(int length, int vocabulary, int size, double validation) implements DataSource {
    /** The class names, by class index. */
    public static final List<String> CLASS_NAMES = List.of("minority", "majority");

    /** Checks the parameters. */
    public SequenceSource {
        if (length < 1 || vocabulary < 2 || size < 2 || !(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException(length + " " + vocabulary + " " + size + " " + validation);
        }
    }

    /** Returns the sequences before the split: the same seed, the same sequences. */
    public Examples generate(long seed) {
        Random random = new Random(seed);
        float[] features = new float[size * length];
        float[] targets = new float[size];
        for (int i = 0; i < size; i++) {
            int low = 0;
            for (int t = 0; t < length; t++) {
                int token = random.nextInt(vocabulary);
                features[i * length + t] = token;
                if (2 * token < vocabulary) {
                    low++;
                }
            }
            targets[i] = 2 * low > length ? 1 : 0;
        }
        return new Examples(new int[] {length}, features, TargetKind.CLASSES, 1, targets, CLASS_NAMES);
    }

    @Override
    public DataSplits load(long seed) throws DataException {
        return DataSplits.split(describe(), generate(seed), null, validation, seed, train -> Normalization.NONE);
    }

    @Override
    public String describe() {
        return "sequences (" + size + " of " + length + " tokens from " + vocabulary + ")";
    }
}
