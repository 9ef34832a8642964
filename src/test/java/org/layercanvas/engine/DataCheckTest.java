package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.data.Normalization;
import org.layercanvas.data.TargetKind;

class DataCheckTest {
    private static Examples labelled(float... labels) {
        return new Examples(new int[] {1}, new float[labels.length], TargetKind.CLASSES, 1, labels,
                List.of("cat", "dog", "fox"));
    }

    @Test
    void aClassTheTrainingSplitLacksIsNamedWithWhereItIs() {
        DataSplits data = new DataSplits(labelled(0, 1, 0, 1), labelled(2, 0), labelled(2, 2, 1), Normalization.NONE,
                "pets.csv: 9 samples");
        assertThat(DataCheck.warnings(data)).containsExactly("pets.csv: class 'fox' has no sample in the training"
                + " split but 1 in the validation split and 2 in the test split; the model cannot learn it");
    }

    @Test
    void dataWithEveryClassInTrainingHasNothingToWarnOf() {
        DataSplits data = new DataSplits(labelled(0, 1, 2), labelled(2, 0), null, Normalization.NONE, "pets.csv: 5");
        assertThat(DataCheck.warnings(data)).isEmpty();
    }
}
