package org.mmkgrec.embedding.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.mmkgrec.embedding.nn.Params;

/**
 * One fit's resources, handed to the model by the {@link Trainer}: the fit's NDManager (closed when
 * the fit ends), the trainable parameters, the constant arrays the steps read, the optimiser and the
 * seeded random stream.
 *
 * <p>Memory (STACK.md): every step runs in a sub-manager to which the parameters and constants are
 * attached temporarily, so nothing a step computes outlives it.
 */
public final class TrainContext {
    private final NDManager manager;
    private final Params params;
    private final Optimizer optimizer;
    private final Random random;
    private final int seed;
    private final List<NDArray> constants = new ArrayList<>();

    TrainContext(NDManager manager, Optimizer optimizer, int seed) {
        this.manager = manager;
        this.params = new Params(manager);
        this.optimizer = optimizer;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The fit's manager: parameters and constants are created on it. */
    public NDManager manager() {
        return manager;
    }

    public Params params() {
        return params;
    }

    /** The fit's seeded random stream: every sampling choice of the model comes from it. */
    public Random random() {
        return random;
    }

    public int seed() {
        return seed;
    }

    /** Registers an array every step reads but never trains (adjacency, features); returns it. */
    public NDArray constant(NDArray array) {
        constants.add(array);
        return array;
    }

    /**
     * One training step: {@code loss} builds the loss in a fresh scope, gradients flow back, and the
     * optimiser updates the parameters whose names start with one of {@code prefixes} (all when none
     * given). Returns the loss.
     */
    public double step(Function<NDManager, NDArray> loss, String... prefixes) {
        return step(loss, null, prefixes);
    }

    /**
     * {@link #step(Function, String...)} with {@code afterBackward} run between the backward pass and
     * the optimiser's update, while the step's arrays and gradients are alive (for parameters kept
     * outside {@link Params}, e.g. {@link org.mmkgrec.embedding.nn.SparseRows}); null for none.
     */
    public double step(Function<NDManager, NDArray> loss, Runnable afterBackward, String... prefixes) {
        try (NDManager scope = scope()) {
            double value;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = loss.apply(scope);
                gc.backward(l);
                value = l.getFloat();
            }
            if (afterBackward != null) {
                afterBackward.run();
            }
            params.update(optimizer, prefixes);
            return value;
        }
    }

    /**
     * One training step per batch ({@code loss} builds each batch's loss as in {@link #step}); returns
     * the mean loss, the value an {@link Trainable#epoch} reports.
     */
    public <B> double meanOver(Iterable<B> batches, java.util.function.BiFunction<NDManager, B, NDArray> loss) {
        double sum = 0;
        int n = 0;
        for (B b : batches) {
            sum += step(scope -> loss.apply(scope, b));
            n++;
        }
        return sum / Math.max(1, n);
    }

    /** A sub-manager with the parameters and constants attached: close it when done. */
    public NDManager scope() {
        NDManager scope = manager.newSubManager();
        params.attachTo(scope);
        for (NDArray c : constants) {
            scope.tempAttachAll(c);
        }
        return scope;
    }
}
