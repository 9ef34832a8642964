package org.layercanvas.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a design file holds: the graph and the optional dataset and training sections, kept as read
 * so that a later version's settings survive a round trip.
 *
 * @param name the design's name, shown in titles and used for run folders
 * @param graph the layers and connections
 * @param dataset the dataset section, empty when the file has none
 * @param training the training section, empty when the file has none
 * @param flow which way the design is drawn
 */
public record Design(String name, Graph graph, Map<String, Object> dataset, Map<String, Object> training,
        Flow flow) {
    public Design {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(flow, "flow");
        dataset = Collections.unmodifiableMap(new LinkedHashMap<>(dataset));
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
    }

    /** Returns a design drawn the way its connections run (see {@link Flow#of(Graph)}). */
    public Design(String name, Graph graph, Map<String, Object> dataset, Map<String, Object> training) {
        this(name, graph, dataset, training, Flow.of(graph));
    }

    /** Returns a design with only a graph. */
    public static Design of(String name, Graph graph) {
        return new Design(name, graph, Map.of(), Map.of());
    }

    /** Returns this design with another graph. */
    public Design withGraph(Graph newGraph) {
        return new Design(name, newGraph, dataset, training, flow);
    }

    /** Returns this design under another name. */
    public Design withName(String newName) {
        return new Design(newName, graph, dataset, training, flow);
    }

    /** Returns this design drawn the other way, or the same way. */
    public Design withFlow(Flow newFlow) {
        return new Design(name, graph, dataset, training, newFlow);
    }

    /** Returns this design with another dataset section (empty for none). */
    public Design withDataset(Map<String, Object> newDataset) {
        return new Design(name, graph, newDataset, training, flow);
    }

    /** Returns this design with another training section (empty for none). */
    public Design withTraining(Map<String, Object> newTraining) {
        return new Design(name, graph, dataset, newTraining, flow);
    }
}
