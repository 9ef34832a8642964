package org.layercanvas.graph;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A layer kind as the catalog describes it: the record that holds its parameters, its palette group,
 * how many inputs it takes, and one {@link Param} per record component, in the same order.
 */
public final class LayerType {
    private final String name;
    private final Category category;
    private final String doc;
    private final Arity arity;
    private final Class<? extends LayerSpec> specClass;
    private final List<Param> params;
    private final Method[] accessors;
    private final Constructor<? extends LayerSpec> constructor;

    /**
     * Describes a layer kind.
     *
     * @param name the kind's name, as shown and as saved ({@code Conv2d})
     * @param category the palette group
     * @param doc one line that says what the layer does
     * @param arity how many connections it takes in
     * @param specClass the record that holds a layer's parameters
     * @param params the parameters, in record component order
     */
    LayerType(String name, Category category, String doc, Arity arity, Class<? extends LayerSpec> specClass,
            List<Param> params) {
        this.name = Objects.requireNonNull(name);
        this.category = Objects.requireNonNull(category);
        this.doc = Objects.requireNonNull(doc);
        this.arity = Objects.requireNonNull(arity);
        this.specClass = specClass;
        this.params = List.copyOf(params);
        RecordComponent[] components = specClass.getRecordComponents();
        if (components.length != params.size()) {
            throw new IllegalStateException(name + ": record has " + components.length
                    + " components but the catalog lists " + params.size() + " parameters");
        }
        accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            Param p = params.get(i);
            if (!components[i].getName().equals(p.name()) || components[i].getType() != p.type().javaType()) {
                throw new IllegalStateException(name + ": parameter " + p.name() + " does not match component "
                        + components[i]);
            }
            accessors[i] = components[i].getAccessor();
        }
        try {
            constructor = specClass.getDeclaredConstructor(
                    params.stream().map(p -> p.type().javaType()).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the kind's name, as shown and as saved ({@code Conv2d}). */
    public String name() {
        return name;
    }

    /** Returns the palette group. */
    public Category category() {
        return category;
    }

    /** Returns one line that says what the layer does. */
    public String doc() {
        return doc;
    }

    /** Returns how many connections the kind takes in. */
    public Arity arity() {
        return arity;
    }

    /** Returns the record that holds a layer's parameters. */
    public Class<? extends LayerSpec> specClass() {
        return specClass;
    }

    /** Returns the parameters in record component order. */
    public List<Param> params() {
        return params;
    }

    /** Returns the parameter with this name, or {@code null}. */
    public Param param(String paramName) {
        for (Param p : params) {
            if (p.name().equals(paramName)) {
                return p;
            }
        }
        return null;
    }

    /** Returns a layer of this kind with every parameter at its default. */
    public LayerSpec defaults() {
        return create(Map.of());
    }

    /**
     * Returns a layer of this kind from parameter values; missing ones take their defaults.
     *
     * @throws IllegalArgumentException naming the parameter, for an unknown name or a value of the wrong type
     */
    public LayerSpec create(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (param(key) == null) {
                throw new IllegalArgumentException(name + " has no parameter '" + key + "'; it has "
                        + (params.isEmpty() ? "none" : String.join(", ", params.stream().map(Param::name).toList())));
            }
        }
        Object[] args = new Object[params.size()];
        for (int i = 0; i < args.length; i++) {
            Param p = params.get(i);
            Object raw = values.containsKey(p.name()) ? values.get(p.name()) : p.defaultValue();
            try {
                args[i] = p.coerce(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p.name() + ": " + e.getMessage(), e);
            }
        }
        return construct(args);
    }

    /** Returns the parameter values of a layer of this kind, in catalog order. */
    public Map<String, Object> values(LayerSpec spec) {
        if (spec.getClass() != specClass) {
            throw new IllegalArgumentException(spec + " is not a " + name);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < accessors.length; i++) {
            try {
                out.put(params.get(i).name(), accessors[i].invoke(spec));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Returns {@code spec} with one parameter changed (coerced, not bounds-checked). */
    public LayerSpec with(LayerSpec spec, String paramName, Object value) {
        Map<String, Object> values = values(spec);
        values.put(paramName, value);
        return create(values);
    }

    /** Returns the problems of a layer's values that are out of bounds, each naming its parameter. */
    public List<String> problems(LayerSpec spec) {
        List<String> out = new ArrayList<>(0);
        if (params.isEmpty()) {
            return out;
        }
        values(spec).forEach((key, value) -> param(key).problem(value).ifPresent(out::add));
        return out;
    }

    private LayerSpec construct(Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerType other && other.specClass == specClass;
    }

    @Override
    public int hashCode() {
        return Objects.hash(specClass);
    }
}
