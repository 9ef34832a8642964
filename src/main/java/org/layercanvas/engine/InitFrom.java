package org.layercanvas.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a new run's weights come from instead of a fresh initialization: another run's (an imported
 * model's, or an earlier training's), matched layer by layer as {@link InitialWeights} says.
 *
 * @param run the run folder whose weights the new run starts from
 * @param freshWhereChanged whether layers whose parameters have other shapes in the design than in
 *     the run start fresh, each with a warning; otherwise they stop the run, named
 */
public record InitFrom(Path run, boolean freshWhereChanged) {
    public InitFrom {
        Objects.requireNonNull(run, "run");
    }
}
