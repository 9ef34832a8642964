package org.layercanvas.edit;

import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerType;

/**
 * Sets one parameter of one layer.
 *
 * @param nodeId the layer
 * @param param the parameter's name
 * @param value the new value, of the parameter's type (checked); bounds are validation's to report
 */
public record SetParamCommand(String nodeId, String param, Object value) implements EditCommand {

    @Override
    public Graph apply(Graph graph) {
        LayerNode node = graph.node(nodeId);
        LayerType type = node.spec().type();
        if (type.param(param) == null) {
            throw new IllegalArgumentException(type.name() + " has no parameter '" + param + "'");
        }
        return graph.withNode(node.withSpec(type.with(node.spec(), param, value)));
    }

    @Override
    public String description() {
        return "Set " + param;
    }
}
