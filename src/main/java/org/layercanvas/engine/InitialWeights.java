package org.layercanvas.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.layercanvas.engine.Readiness.Cause;
import org.layercanvas.engine.Readiness.Problem;

/**
 * What a run started from another run's weights ({@link InitFrom}) takes from it. Layers are matched
 * by name, and within a layer parameters by PyTorch's name for them ({@code weight}, {@code bias},
 * ...): a layer of the design that the run has with the same parameters of the same shapes starts
 * from the run's values; a layer the run does not have (added since, or renamed) starts fresh; a
 * layer whose parameters changed (another shape, one more or one fewer) stops the run, unless the
 * person chose to start those fresh too.
 *
 * @param run the run folder's name, as messages say it
 * @param weights the file the values came from, relative to that folder ({@code model.params})
 * @param taken the design's layers that start from the run's values, in the order they run
 * @param fresh the design's layers with parameters that the run does not have, which start fresh
 * @param changed the parameters of layers the run has with other shapes, when these layers start
 *     fresh; empty otherwise (the run is refused then)
 * @param unused the run's layers with parameters that the design does not have
 */
public record InitialWeights(String run, String weights, List<String> taken, List<String> fresh,
        List<Change> changed, List<String> unused) {
    public InitialWeights {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(weights, "weights");
        taken = List.copyOf(taken);
        fresh = List.copyOf(fresh);
        changed = List.copyOf(changed);
        unused = List.copyOf(unused);
    }

    /**
     * A parameter whose shape differs between the run and the design.
     *
     * @param layer the layer's name
     * @param parameter the parameter's name, e.g. {@code weight}
     * @param inRun its shape in the run, or {@code null} when the run's layer has no such parameter
     * @param inDesign its shape in the design, or {@code null} when the design's layer has none
     */
    public record Change(String layer, String parameter, long[] inRun, long[] inDesign) {
        public Change {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(parameter, "parameter");
            if (inRun == null && inDesign == null) {
                throw new IllegalArgumentException("a changed parameter is somewhere");
            }
        }

        /** Says what changed, e.g. {@code weight is (3,8) in 20261201-093000-iris but (4,8) in the design}. */
        String describe(String run) {
            if (inRun == null) {
                return parameter + " " + dims(inDesign) + " is in the design but not in " + run;
            }
            if (inDesign == null) {
                return parameter + " " + dims(inRun) + " is in " + run + " but not in the design";
            }
            return parameter + " is " + dims(inRun) + " in " + run + " but " + dims(inDesign) + " in the design";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Change c && layer.equals(c.layer) && parameter.equals(c.parameter)
                    && Arrays.equals(inRun, c.inRun) && Arrays.equals(inDesign, c.inDesign);
        }

        @Override
        public int hashCode() {
            return Objects.hash(layer, parameter, Arrays.hashCode(inRun), Arrays.hashCode(inDesign));
        }
    }

    /**
     * Matches the design's parameters with a run's, both by layer name, and says what the design's
     * layers start from.
     *
     * @param run the run folder's name, for messages
     * @param weights the run's weights file, relative to its folder
     * @param inRun the run's parameters by layer name (layers without any left out)
     * @param inDesign the design's parameters by layer name, in the order the layers run
     * @param freshWhereChanged whether layers whose parameters changed start fresh (with a warning)
     *     instead of refusing the run
     * @throws LaunchException naming each changed layer, parameter and both shapes (unless
     *     {@code freshWhereChanged}), or when no layer of the design is in the run
     */
    static InitialWeights match(String run, String weights, Map<String, List<Tensor>> inRun,
            Map<String, List<Tensor>> inDesign, boolean freshWhereChanged) throws LaunchException {
        List<String> taken = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        inDesign.forEach((layer, params) -> {
            List<Tensor> theirs = inRun.get(layer);
            if (theirs == null) {
                fresh.add(layer);
                return;
            }
            List<Change> here = changes(layer, theirs, params);
            if (here.isEmpty()) {
                taken.add(layer);
            } else {
                changed.addAll(here);
            }
        });
        if (!changed.isEmpty() && !freshWhereChanged) {
            List<Problem> problems = changed.stream().map(c -> new Problem(Cause.CHANGED, "layer '" + c.layer()
                    + "': " + c.describe(run))).toList();
            throw new LaunchException(problems, "");
        }
        if (taken.isEmpty()) {
            throw new LaunchException(Cause.RUN, inDesign.isEmpty()
                    ? "The design has no layer with weights to take from " + run
                    : !changed.isEmpty() ? "Every layer of the design that " + run + " has changed since ("
                            + String.join(", ", changed.stream().map(Change::layer).distinct().toList())
                            + "): none would start from its weights"
                    : "No layer of the design is in " + run + " (its layers with weights: "
                            + String.join(", ", inRun.keySet()) + "); layers are matched by name");
        }
        List<String> unused = inRun.keySet().stream().filter(layer -> !inDesign.containsKey(layer)).toList();
        return new InitialWeights(run, weights, taken, fresh, changed, unused);
    }

    /** Returns how a layer's parameters differ between the run and the design, by name; empty when they agree. */
    private static List<Change> changes(String layer, List<Tensor> inRun, List<Tensor> inDesign) {
        Map<String, long[]> theirs = shapes(inRun);
        Map<String, long[]> ours = shapes(inDesign);
        List<Change> changes = new ArrayList<>();
        ours.forEach((name, shape) -> {
            long[] other = theirs.get(name);
            if (!Arrays.equals(other, shape)) {
                changes.add(new Change(layer, name, other, shape));
            }
        });
        theirs.forEach((name, shape) -> {
            if (!ours.containsKey(name)) {
                changes.add(new Change(layer, name, shape, null));
            }
        });
        return changes;
    }

    private static Map<String, long[]> shapes(List<Tensor> tensors) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach(t -> shapes.put(t.name(), t.shape()));
        return shapes;
    }

    /** Returns the layers that start fresh because their parameters changed, in the order they run. */
    public List<String> reinitialized() {
        return changed.stream().map(Change::layer).distinct().toList();
    }

    /**
     * Returns one warning for each layer that starts fresh because its parameters changed, naming
     * each changed parameter with its shapes.
     */
    public List<String> warnings() {
        Map<String, List<Change>> byLayer = changed.stream()
                .collect(Collectors.groupingBy(Change::layer, LinkedHashMap::new, Collectors.toList()));
        List<String> warnings = new ArrayList<>();
        byLayer.forEach((layer, changes) -> warnings.add("layer '" + layer + "' starts fresh: "
                + changes.stream().map(c -> c.describe(run)).collect(Collectors.joining("; "))));
        return warnings;
    }

    /** Returns what {@code run.json} records of where the run's weights came from. */
    Map<String, Object> record(String runPath) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", runPath);
        m.put("weights", weights);
        m.put("layersFromRun", taken);
        m.put("freshLayers", fresh);
        m.put("reinitializedLayers", changed.stream().map(c -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("layer", c.layer());
            one.put("parameter", c.parameter());
            one.put("inRun", c.inRun());
            one.put("inDesign", c.inDesign());
            return one;
        }).toList());
        m.put("runLayersNotInDesign", unused);
        return m;
    }

    /** Returns a shape as messages write it: {@code (3,8)}. */
    static String dims(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "(", ")"));
    }
}
