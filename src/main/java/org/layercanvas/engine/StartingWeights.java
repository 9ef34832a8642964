package org.layercanvas.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layercanvas.engine.Readiness.Cause;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Flattener;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * The weights a new run starts from when it starts from another run's: the design compiled with a
 * fresh initialization drawn from the run's seed, then each layer that run has unchanged given that
 * run's values, as {@link InitialWeights#match} decides. Holds the compiled model until closed.
 *
 * @param matched what the run takes from the other
 * @param model the design with the weights it starts from, to be saved in its run folder
 */
record StartingWeights(InitialWeights matched, TrainedModel model) implements AutoCloseable {

    /**
     * Reads the weights of the run {@code init} names and matches them with {@code graph}'s layers.
     *
     * @param graph the design to train, free of errors
     * @param seed the new run's seed, which the layers that start fresh are drawn from
     * @throws LaunchException when the folder is no run, holds no weights, or they do not fit the design
     */
    static StartingWeights read(InitFrom init, Graph graph, long seed) throws LaunchException {
        Path dir = init.run();
        String run = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        Map<String, List<Tensor>> inRun;
        Path file;
        try {
            RunFolder source = RunFolder.open(dir);
            Design design = source.design();
            file = Files.isRegularFile(source.model()) ? source.model()
                    : source.resumption().map(RunFolder.Resumption::weights).orElse(null);
            if (file == null) {
                throw new LaunchException(Cause.RUN, run + " has no weights to start from: it saved neither "
                        + RunFolder.MODEL + " nor a checkpoint");
            }
            if (Analysis.of(design.graph()).hasErrors()) {
                throw new LaunchException(Cause.RUN, run + "'s design has errors by this version's rules;"
                        + " open its design.json to see them");
            }
            try (TrainedModel theirs = TrainedModel.load(design.graph(), file)) {
                inRun = byName(design.graph(), theirs.weights());
            }
        } catch (RunFolderException e) {
            throw new LaunchException(Cause.RUN, e.fullMessage());
        } catch (IOException e) {
            throw new LaunchException(Cause.RUN, "Cannot read " + run + ": " + e.getMessage());
        }
        TrainedModel model = TrainedModel.initialized(graph, seed);
        try {
            Map<String, List<Tensor>> fresh = model.weights();
            Map<String, String> names = names(graph);
            InitialWeights matched = InitialWeights.match(run, dir.relativize(file).toString(), inRun,
                    byName(graph, fresh), init.freshWhereChanged());
            Map<String, List<Tensor>> start = new LinkedHashMap<>();
            fresh.forEach((id, tensors) -> start.put(id, matched.taken().contains(names.get(id))
                    ? inRun.get(names.get(id)) : tensors));
            model.assign(start);
            return new StartingWeights(matched, model);
        } catch (LaunchException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Returns the weights keyed by layer name instead of node id, as the design compiles (blocks expanded). */
    private static Map<String, List<Tensor>> byName(Graph graph, Map<String, List<Tensor>> byId) {
        Map<String, String> names = names(graph);
        Map<String, List<Tensor>> byName = new LinkedHashMap<>();
        byId.forEach((id, tensors) -> byName.put(names.get(id), tensors));
        return byName;
    }

    /** Returns each compiled layer's name by its id: a layer inside a block by its path, {@code stage2/conv}. */
    private static Map<String, String> names(Graph graph) {
        Graph compiled = graph.hasBlocks() ? Flattener.flatten(graph).graph() : graph;
        Map<String, String> names = new LinkedHashMap<>();
        for (LayerNode node : compiled.nodes()) {
            names.put(node.id(), node.name());
        }
        return names;
    }

    @Override
    public void close() {
        model.close();
    }
}
