package org.layercanvas.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.edit.RenameCommand;
import org.layercanvas.edit.SetSectionCommand;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/** The editor keeps graph edits and dataset/training edits in one history, and saves the sections. */
class DesignEditorTest {

    private static DesignEditor iris() throws Exception {
        Path file = Path.of("samples/iris-mlp.json");
        return new DesignEditor(new DesignCodec().read(file), file);
    }

    @Test
    void undoStepsBackThroughGraphAndSectionEditsInOrder(@TempDir Path dir) throws Exception {
        DesignEditor editor = iris();
        Design opened = editor.design();
        String id = editor.graph().nodes().iterator().next().id();
        editor.execute(new RenameCommand(id, "wide"));
        Map<String, Object> training = Map.of("optimizer", "sgd", "learningRate", 0.1);
        editor.execute(new SetSectionCommand(SetSectionCommand.Section.TRAINING, training, "Set Learning Rate"));
        assertThat(editor.dirtyProperty().get()).isTrue();
        assertThat(editor.undoDescription()).contains("Set Learning Rate");

        editor.undo();
        assertThat(editor.design().training()).isEqualTo(opened.training());
        assertThat(editor.graph().node(id).name()).isEqualTo("wide");
        editor.undo();
        assertThat(editor.design()).isEqualTo(opened);
        editor.redo();
        editor.redo();
        assertThat(editor.design().training()).isEqualTo(training);

        Path saved = dir.resolve("saved.json");
        editor.saveTo(saved);
        assertThat(editor.dirtyProperty().get()).isFalse();
        Design back = new DesignCodec().read(saved);
        assertThat(back.training()).isEqualTo(training);
        assertThat(back.dataset()).isEqualTo(opened.dataset());
    }

    @Test
    void aSectionEditThatChangesNothingIsNoStep() throws Exception {
        DesignEditor editor = iris();
        long revision = editor.revision();
        editor.execute(new SetSectionCommand(SetSectionCommand.Section.DATASET, editor.design().dataset(), "Same"));
        assertThat(editor.revision()).isEqualTo(revision);
        assertThat(editor.undoDescription()).isEmpty();
        assertThat(editor.dirtyProperty().get()).isFalse();
    }
}
