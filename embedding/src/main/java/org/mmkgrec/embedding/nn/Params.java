package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's trainable arrays by name, created on one manager (the fit's), each with a gradient.
 * {@link #update} applies one optimiser step to all of them; names must be unique in a model (layers
 * prefix theirs).
 */
public final class Params {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    public Params(NDManager manager) {
        this.manager = manager;
    }

    public NDManager manager() {
        return manager;
    }

    /** Glorot/Xavier uniform, for weight matrices {@code (in, out)}. */
    public NDArray xavier(String name, long in, long out) {
        float bound = (float) Math.sqrt(6.0 / (in + out));
        return add(name, manager.randomUniform(-bound, bound, new Shape(in, out), DataType.FLOAT32));
    }

    /** Normal(0, std), for embedding tables. */
    public NDArray normal(String name, float std, long... shape) {
        return add(name, manager.randomNormal(0f, std, new Shape(shape), DataType.FLOAT32));
    }

    /** A given initial value (copied). */
    public NDArray of(String name, float[] values, long... shape) {
        return add(name, manager.create(values, new Shape(shape)));
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return a;
    }

    public Map<String, NDArray> all() {
        return java.util.Collections.unmodifiableMap(arrays);
    }

    /** A given array, which becomes trainable. */
    public NDArray add(String name, NDArray a) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " defined twice");
        }
        a.setRequiresGradient(true);
        arrays.put(name, a);
        return a;
    }

    /**
     * One optimiser step over the parameters whose names start with one of {@code prefixes} (all
     * when none given): those that took part in the last backward pass. A parameter left out keeps
     * its optimiser state untouched (Adam would otherwise move it on momentum alone).
     */
    public void update(Optimizer optimizer, String... prefixes) {
        for (Map.Entry<String, NDArray> p : arrays.entrySet()) {
            if (prefixes.length > 0 && java.util.Arrays.stream(prefixes).noneMatch(p.getKey()::startsWith)) {
                continue;
            }
            try (NDArray g = p.getValue().getGradient()) {
                optimizer.update(p.getKey(), p.getValue(), g);
            }
        }
    }

    /** Attach every parameter to a step's manager as a temporary, so results computed from them stay there. */
    public void attachTo(NDManager step) {
        for (NDArray a : arrays.values()) {
            step.tempAttachAll(a);
        }
    }
}
