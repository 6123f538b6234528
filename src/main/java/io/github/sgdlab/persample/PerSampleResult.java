package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every sample's gradient of every parameter, from one {@link PerSample#compute} call.
 *
 * <p>The arrays live in a sub-manager of the inputs' manager until this result is closed; the
 * arrays its methods return belong to it, so close the result, not them. The summaries
 * ({@link #mean}, {@link #variance}, {@link #norms}) are computed on first use and kept. Safe to
 * read from several threads.
 */
public final class PerSampleResult implements AutoCloseable {

    private final NDManager manager;
    private final BlockParameters parameters;
    private final List<String> parameterNames;
    private final Map<String, NDArray> gradients;
    private final Map<String, NDArray> summaries = new HashMap<>();
    private final Strategy strategy;
    private final int size;
    private boolean closed;

    PerSampleResult(NDManager manager, Map<String, NDArray> gradients,
            BlockParameters parameters, Strategy strategy, int size) {
        this.manager = manager;
        this.parameters = parameters;
        this.gradients = Map.copyOf(gradients);
        this.parameterNames = List.copyOf(gradients.keySet());
        this.strategy = strategy;
        this.size = size;
    }

    /**
     * Each sample's gradient of one trainable parameter.
     *
     * @param parameterName a name as {@code block.getParameters()} gives it; a parameter shared by
     *     two blocks may be named by either of its names
     * @return shape {@code [n, ...parameter shape]}; row i is sample i's gradient
     * @throws IllegalArgumentException for a frozen parameter or an unknown name, listing the
     *     trainable ones
     */
    public synchronized NDArray gradient(String parameterName) {
        checkOpen();
        String name = parameters.canonical(parameterName);
        NDArray gradient = name == null ? null : gradients.get(name);
        if (gradient == null) {
            String what = parameters.isFrozen(parameterName)
                    ? "parameter '" + parameterName + "' is frozen (requiresGradient() is false), "
                            + "so it has no gradient"
                    : "no parameter named '" + parameterName + "'";
            throw new IllegalArgumentException(what + "; the block's trainable parameters are "
                    + parameterNames);
        }
        return gradient;
    }

    /**
     * The trainable parameters' names, each parameter once (a shared one under its first name),
     * in the order {@code block.getParameters()} gives them; frozen parameters are not among
     * them.
     *
     * @return the names
     */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /**
     * The mean over samples of one parameter's gradients: the average of the
     * per-sample gradients equals the batch gradient of the mean loss ({@link PerSample#batchGradients}).
     *
     * @param parameterName the parameter
     * @return the parameter's shape
     */
    public NDArray mean(String parameterName) {
        return summary("mean " + parameterName, name -> gradient(parameterName).mean(new int[] {0}));
    }

    /**
     * The elementwise variance over samples of one parameter's gradients: the population variance
     * {@code mean((g_i − mean)^2)} (numpy's default, ddof 0), the spread of the gradient that one
     * sample drawn at random from these n gives, which is how noisy one SGD step is. Zero for
     * n = 1.
     *
     * @param parameterName the parameter
     * @return the parameter's shape
     */
    public NDArray variance(String parameterName) {
        return summary("variance " + parameterName, name -> {
            // Two passes (deviations from the mean), not E[g^2] - E[g]^2, which cancels badly.
            return gradient(parameterName).sub(mean(parameterName)).square().mean(new int[] {0});
        });
    }

    /**
     * Each sample's L2 norm over all its trainable parameters' gradients together, each parameter
     * counted once: what DP-SGD clips.
     *
     * @return shape {@code [n]}
     */
    public NDArray norms() {
        return summary("norms", name -> {
            NDArray sumOfSquares = null;
            for (String parameterName : parameterNames) {
                NDArray squares =
                        gradient(parameterName).reshape(size, -1).square().sum(new int[] {1});
                sumOfSquares = sumOfSquares == null ? squares : sumOfSquares.add(squares);
            }
            return sumOfSquares.sqrt();
        });
    }

    /**
     * The strategy that computed these gradients: {@link Strategy#LOOP} or
     * {@link Strategy#VECTORIZED}, never {@link Strategy#AUTO}.
     *
     * @return the strategy actually used
     */
    public Strategy strategy() {
        return strategy;
    }

    /**
     * The number of samples, n.
     *
     * @return n
     */
    public int size() {
        return size;
    }

    /** Frees every array of this result. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    /** Computes a summary once, in a scope that frees its intermediates, and keeps it. */
    private synchronized NDArray summary(String key, Function<String, NDArray> compute) {
        checkOpen();
        NDArray summary = summaries.get(key);
        if (summary == null) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                summary = compute.apply(key);
                NDScope.unregister(summary);
            }
            summary.attach(manager);
            summaries.put(key, summary);
        }
        return summary;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this PerSampleResult is closed");
        }
    }
}
