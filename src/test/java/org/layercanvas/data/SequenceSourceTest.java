package org.layercanvas.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceSourceTest {

    @Test
    void labelSaysWhetherMostTokensAreInTheLowerHalfOfTheVocabulary() {
        Examples sequences = new SequenceSource(20, 16, 500, 0.2).generate(3);

        float[] f = sequences.features();
        for (int i = 0; i < sequences.size(); i++) {
            int low = 0;
            for (int t = 0; t < 20; t++) {
                float token = f[i * 20 + t];
                assertThat(token).isBetween(0f, 15f).isEqualTo((float) Math.floor(token));
                if (token < 8) {
                    low++;
                }
            }
            assertThat(sequences.targets()[i]).isEqualTo(low > 10 ? 1f : 0f);
        }
        assertThat(sequences.classNames()).containsExactly("minority", "majority");
        assertThat(sequences.sampleShape()).containsExactly(20);
    }

    @Test
    void bothClassesAreCommon() {
        int[] counts = new SequenceSource(20, 16, 2000, 0.2).generate(3).classCounts();

        assertThat(counts[0]).isBetween(1000, 1400);
        assertThat(counts[1]).isBetween(600, 1000);
    }

    @Test
    void sameSeedSameSequencesOtherSeedOthers() throws DataException {
        SequenceSource source = new SequenceSource(10, 16, 300, 0.2);

        assertThat(source.load(4).train().features()).containsExactly(source.load(4).train().features());
        assertThat(source.load(4).train().features()).isNotEqualTo(source.load(5).train().features());
    }

    @Test
    void tokenIdsReachTheNetworkUnnormalized() throws DataException {
        DataSplits splits = new SequenceSource(10, 4, 300, 0.2).load(1);

        assertThat(splits.normalization()).isEqualTo(Normalization.NONE);
        assertThat(splits.train().features()).contains(0f, 1f, 2f, 3f).doesNotContain(4f);
        assertThat(splits.description()).startsWith("sequences (300 of 10 tokens from 4): 300 samples");
    }
}
