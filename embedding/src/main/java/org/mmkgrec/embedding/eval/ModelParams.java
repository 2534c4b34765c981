package org.mmkgrec.embedding.eval;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Hyperparameter overrides from the command line, {@code <model>.<name>=<value>} (for instance
 * {@code mkgat.batchSize=4096}), applied to a model's configuration record by component name; the
 * record's own checks then validate the values. Unknown models or names fail with the valid ones.
 */
public final class ModelParams {
    public static final ModelParams NONE = new ModelParams(Map.of());

    private final Map<String, Map<String, String>> byModel;

    private ModelParams(Map<String, Map<String, String>> byModel) {
        this.byModel = byModel;
    }

    /** From {@code model.name=value} assignments naming the models of {@link Models#NAMES}. */
    public static ModelParams parse(List<String> assignments) {
        return parse(assignments, Models.NAMES);
    }

    /** From {@code model.name=value} assignments naming the models of {@code known} (another protocol's registry). */
    public static ModelParams parse(List<String> assignments, List<String> known) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String a : assignments == null ? List.<String>of() : assignments) {
            int eq = a.indexOf('=');
            int dot = a.indexOf('.');
            if (eq < 0 || dot < 1 || dot > eq - 2) {
                throw new IllegalArgumentException("parameter `" + a + "` is not <model>.<name>=<value>, e.g. mkgat.epochs=30");
            }
            String model = a.substring(0, dot).strip();
            if (!known.contains(model)) {
                throw new IllegalArgumentException("parameter `" + a + "` names unknown model `" + model + "`; valid: " + known);
            }
            out.computeIfAbsent(model, k -> new TreeMap<>()).put(a.substring(dot + 1, eq).strip(), a.substring(eq + 1).strip());
        }
        return new ModelParams(out);
    }

    public boolean isEmpty() {
        return byModel.isEmpty();
    }

    /** The parameters given for {@code model}, or an empty map. */
    public Map<String, String> of(String model) {
        return byModel.getOrDefault(model, Map.of());
    }

    /** Fails when parameters were given for a model that takes none. */
    public void noneFor(String model) {
        if (!of(model).isEmpty()) {
            throw new IllegalArgumentException("model `" + model + "` takes no parameters, got " + of(model).keySet());
        }
    }

    /** {@code defaults} with this model's overrides applied. */
    @SuppressWarnings("unchecked")
    public <R extends Record> R apply(String model, R defaults) {
        Map<String, String> given = of(model);
        if (given.isEmpty()) {
            return defaults;
        }
        RecordComponent[] components = defaults.getClass().getRecordComponents();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (String key : given.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("unknown parameter `" + model + "." + key + "`; " + model + " takes: "
                        + Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", ")));
            }
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int k = 0; k < components.length; k++) {
                RecordComponent c = components[k];
                types[k] = c.getType();
                String v = given.get(c.getName());
                values[k] = v == null ? c.getAccessor().invoke(defaults) : convert(model + "." + c.getName(), v, c.getType());
            }
            Constructor<?> canonical = defaults.getClass().getDeclaredConstructor(types);
            return (R) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IllegalArgumentException iae
                    ? new IllegalArgumentException(model + " parameters " + given + ": " + iae.getMessage(), iae)
                    : new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot configure " + model, e);
        }
    }

    private static Object convert(String name, String value, Class<?> type) {
        try {
            if (type == int.class) {
                return Integer.parseInt(value);
            } else if (type == long.class) {
                return Long.parseLong(value);
            } else if (type == float.class) {
                return Float.parseFloat(value);
            } else if (type == double.class) {
                return Double.parseDouble(value);
            } else if (type == boolean.class) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.parseBoolean(value);
            } else if (type == String.class) {
                return value;
            } else if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(value)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("parameter `" + name + "` must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList()
                        + ", was `" + value + "`");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter `" + name + "` must be of type " + type.getSimpleName() + ", was `" + value + "`");
        }
        throw new IllegalArgumentException("parameter `" + name + "` of type " + type.getSimpleName() + " cannot be set");
    }
}
