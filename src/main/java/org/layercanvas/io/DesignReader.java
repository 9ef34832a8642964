package org.layercanvas.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Flow;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Param;
import org.layercanvas.graph.Position;

/** One read of one design file; finds the line and column of a problem only when there is one. */
final class DesignReader {
    private final ObjectMapper mapper;
    private final byte[] bytes;
    private final String source;

    DesignReader(ObjectMapper mapper, byte[] bytes, String source) {
        this.mapper = mapper;
        this.bytes = bytes;
        this.source = source;
    }

    Design read() throws DesignFormatException {
        JsonNode root = parseTree();
        Place top = Place.ROOT;
        if (!root.isObject()) {
            throw fail(top, "a design file must hold a JSON object, found " + describe(root));
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT_TEXT.equals(format.asText(null)) || !format.isTextual()) {
            throw fail(format == null ? top : top.field("format"),
                    "not a LayerCanvas design: expected \"format\": \"" + DesignCodec.FORMAT + "\"");
        }
        int version = version(root, top);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!DesignCodec.topLevelFields().contains(field)) {
                throw fail(top.field(field), "unknown field '" + field + "' in a version " + version + " design");
            }
        }
        String name = optionalText(root, top, "name", "");
        Map<String, LayerNode> nodes = nodes(required(root, top, "nodes"), top.field("nodes"));
        List<Edge> edges = edges(required(root, top, "edges"), top.field("edges"), nodes);
        if (version < 2 && root.has("blocks")) {
            throw fail(top.field("blocks"), "blocks came with format version 2; this file says version " + version);
        }
        Graph graph = Graph.of(nodes.values(), edges, blocks(root.get("blocks"), top.field("blocks")));
        String flowKey = optionalText(root, top, "flow", null);
        Flow flow = flowKey == null ? Flow.of(graph) : Flow.of(flowKey).orElseThrow(() -> fail(top.field("flow"),
                "expected \"top-down\" or \"left-right\", found \"" + flowKey + "\""));
        return new Design(name, graph, section(root, top, "dataset"), section(root, top, "training"), flow);
    }

    private static final String FORMAT_TEXT = DesignCodec.FORMAT;

    private JsonNode parseTree() throws DesignFormatException {
        if (bytes.length == 0) {
            throw new DesignFormatException(source, 0, 0, "", "the file is empty");
        }
        try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new DesignFormatException(source, 0, 0, "", "the file holds no JSON value");
            }
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new DesignFormatException(source, at.getLineNr(), at.getColumnNr(), "",
                        "unexpected text after the end of the design");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DesignFormatException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "", "invalid JSON: " + e.getOriginalMessage());
        } catch (DesignFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DesignFormatException(source, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private int version(JsonNode root, Place top) throws DesignFormatException {
        JsonNode v = root.get("version");
        if (v == null) {
            throw fail(top, "missing \"version\"");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw fail(top.field("version"), "expected a format version (a whole number from 1), found " + describe(v));
        }
        if (v.intValue() > DesignCodec.VERSION) {
            throw fail(top.field("version"), "written by a newer LayerCanvas (format version " + v.intValue()
                    + "); this version reads format versions up to " + DesignCodec.VERSION);
        }
        return v.intValue();
    }

    private Map<String, LayerNode> nodes(JsonNode array, Place at) throws DesignFormatException {
        if (!array.isArray()) {
            throw fail(at, "expected a list of layers, found " + describe(array));
        }
        Map<String, LayerNode> nodes = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            Place place = at.index(i);
            JsonNode o = array.get(i);
            if (!o.isObject()) {
                throw fail(place, "expected a layer object, found " + describe(o));
            }
            onlyFields(o, place, Set.of("id", "name", "kind", "x", "y", "params"));
            String id = requiredText(o, place, "id");
            if (id.isBlank()) {
                throw fail(place.field("id"), "a layer id must not be blank");
            }
            String name = requiredText(o, place, "name");
            String kind = requiredText(o, place, "kind");
            LayerType type = LayerCatalog.find(kind).orElseThrow(() -> fail(place.field("kind"),
                    "unknown layer kind '" + kind + "'; known kinds: " + String.join(", ",
                            LayerCatalog.all().stream().map(LayerType::name).toList())));
            Position position;
            try {
                position = new Position(number(o, place, "x"), number(o, place, "y"));
            } catch (IllegalArgumentException e) {
                throw fail(place, "x and y must be finite numbers");
            }
            LayerSpec spec = spec(type, o.get("params"), place.field("params"));
            if (nodes.put(id, new LayerNode(id, name, spec, position)) != null) {
                throw fail(place.field("id"), "another layer has the id '" + id + "' already");
            }
        }
        return nodes;
    }

    /** Reads the block definitions: by id, each a name and a body of layers and connections. */
    private Map<String, BlockDefinition> blocks(JsonNode object, Place at) throws DesignFormatException {
        Map<String, BlockDefinition> blocks = new LinkedHashMap<>();
        if (object == null) {
            return blocks;
        }
        if (!object.isObject()) {
            throw fail(at, "expected an object of block definitions by id, found " + describe(object));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Place place = at.field(field.getKey());
            JsonNode o = field.getValue();
            if (!o.isObject()) {
                throw fail(place, "expected a block definition object, found " + describe(o));
            }
            onlyFields(o, place, Set.of("name", "nodes", "edges"));
            Map<String, LayerNode> nodes = nodes(required(o, place, "nodes"), place.field("nodes"));
            List<Edge> edges = edges(required(o, place, "edges"), place.field("edges"), nodes);
            blocks.put(field.getKey(), new BlockDefinition(requiredText(o, place, "name"),
                    Graph.of(nodes.values(), edges)));
        }
        return blocks;
    }

    private LayerSpec spec(LayerType type, JsonNode params, Place at) throws DesignFormatException {
        Map<String, Object> values = new LinkedHashMap<>();
        if (params != null) {
            if (!params.isObject()) {
                throw fail(at, "expected an object of parameters, found " + describe(params));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Param p = type.param(field.getKey());
                if (p == null) {
                    throw fail(at.field(field.getKey()), type.name() + " has no parameter '" + field.getKey()
                            + "'; it has " + (type.params().isEmpty() ? "none"
                            : String.join(", ", type.params().stream().map(Param::name).toList())));
                }
                try {
                    values.put(p.name(), p.coerce(plain(field.getValue())));
                } catch (IllegalArgumentException e) {
                    throw fail(at.field(field.getKey()), e.getMessage());
                }
            }
        }
        return type.create(values);
    }

    private List<Edge> edges(JsonNode array, Place at, Map<String, LayerNode> nodes) throws DesignFormatException {
        if (!array.isArray()) {
            throw fail(at, "expected a list of connections, found " + describe(array));
        }
        List<Edge> edges = new ArrayList<>(array.size());
        Set<Edge> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Place place = at.index(i);
            JsonNode o = array.get(i);
            if (!o.isObject()) {
                throw fail(place, "expected a connection object, found " + describe(o));
            }
            onlyFields(o, place, Set.of("from", "to", "port"));
            String from = nodeRef(o, place, "from", nodes);
            String to = nodeRef(o, place, "to", nodes);
            int port = 0;
            JsonNode p = o.get("port");
            if (p != null) {
                if (!p.isIntegralNumber() || !p.canConvertToInt() || p.intValue() < 0) {
                    throw fail(place.field("port"), "expected an input port number (0 or more), found " + describe(p));
                }
                port = p.intValue();
            }
            Edge edge = new Edge(from, to, port);
            if (!seen.add(edge)) {
                throw fail(place, "the connection " + from + " -> " + to + " is listed twice");
            }
            edges.add(edge);
        }
        return edges;
    }

    private String nodeRef(JsonNode o, Place place, String field, Map<String, LayerNode> nodes)
            throws DesignFormatException {
        String id = requiredText(o, place, field);
        if (!nodes.containsKey(id)) {
            throw fail(place.field(field), "no layer has the id '" + id + "'");
        }
        return id;
    }

    private Map<String, Object> section(JsonNode root, Place top, String field) throws DesignFormatException {
        JsonNode node = root.get(field);
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw fail(top.field(field), "expected an object, found " + describe(node));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.convertValue(node, LinkedHashMap.class);
        return map;
    }

    private void onlyFields(JsonNode o, Place place, Set<String> allowed) throws DesignFormatException {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw fail(place.field(f), "unknown field '" + f + "'; expected " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        }
    }

    private JsonNode required(JsonNode o, Place place, String field) throws DesignFormatException {
        JsonNode v = o.get(field);
        if (v == null) {
            throw fail(place, "missing \"" + field + "\"");
        }
        return v;
    }

    private String requiredText(JsonNode o, Place place, String field) throws DesignFormatException {
        JsonNode v = required(o, place, field);
        if (!v.isTextual()) {
            throw fail(place.field(field), "expected text, found " + describe(v));
        }
        return v.textValue();
    }

    private String optionalText(JsonNode o, Place place, String field, String otherwise)
            throws DesignFormatException {
        return o.has(field) ? requiredText(o, place, field) : otherwise;
    }

    private double number(JsonNode o, Place place, String field) throws DesignFormatException {
        JsonNode v = o.get(field);
        if (v == null) {
            return 0;
        }
        if (!v.isNumber()) {
            throw fail(place.field(field), "expected a number, found " + describe(v));
        }
        return v.doubleValue();
    }

    /** Turns a JSON value into the plain Java value a parameter takes: numbers, text, booleans, lists. */
    private static Object plain(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.numberValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(e -> list.add(e.isNull() ? null : e.isContainerNode() ? describe(e) : plain(e)));
            return list;
        }
        return v.isNull() ? null : describe(v);
    }

    private static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "\"" + v.textValue() + "\"";
            case NULL -> "null";
            default -> v.toString();
        };
    }

    private DesignFormatException fail(Place place, String problem) {
        JsonLocation at = locate(place.pointer());
        return new DesignFormatException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                place.toString(), problem);
    }

    /** Streams the file once more to find where the value at {@code pointer} starts (not its key). */
    private JsonLocation locate(JsonPointer pointer) {
        try (JsonParser p = mapper.getFactory().createParser(bytes)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY && t != JsonToken.FIELD_NAME
                        && p.getParsingContext().pathAsPointer().equals(pointer)) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            // the tree parsed, so this cannot happen; without a location the message still names the path
        }
        return null;
    }

    /** A JSON path, written for people ({@code nodes[3].kind}) and as a pointer for the locator. */
    private record Place(String text, JsonPointer pointer) {
        static final Place ROOT = new Place("", JsonPointer.empty());

        Place field(String name) {
            return new Place(text.isEmpty() ? name : text + "." + name, pointer.appendProperty(name));
        }

        Place index(int i) {
            return new Place(text + "[" + i + "]", pointer.appendIndex(i));
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
