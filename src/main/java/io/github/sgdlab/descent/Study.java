package io.github.sgdlab.descent;

import ai.djl.ndarray.NDManager;
import io.github.sgdlab.reference.LeastSquares;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The assignment's grid: both data sets × {full, sgd, minibatch} × {vanilla, momentum 0.9}, each
 * cell R runs at the data set's learning rate, B = 8, ε = 0.001, at most 10 000 epochs, float64.
 *
 * <p>The learning rates were checked with the committed numpy implementation
 * ({@code src/test/python/study_rates.py}): at them both full-batch cells converge and every
 * stochastic cell converges in each of 100 runs (shuffle seeds 0 to 99). They are a compromise:
 * plain full-batch descent needs a step large enough to cross the flat direction of the loss
 * within 10 000 epochs, while SGD with momentum 0.9 needs one small enough for its noise to
 * settle inside ε. The study table is in {@code src/site/markdown/descent-lab.md}.
 */
public final class Study {

    /** The notebook data set's learning rate. */
    public static final double NOTEBOOK_LR = 0.003;

    /** The wide data set's learning rate: 250 times flatter curvature needs a smaller step. */
    public static final double WIDE_LR = 0.0006;

    /** The momentum of the grid's momentum cells. */
    public static final double MOMENTUM = 0.9;

    /** The default number of runs per cell. */
    public static final int DEFAULT_RUNS = 10;

    /** One cell of the grid and its result. */
    public record Cell(Dataset dataset, Method method, double momentum, DescentResult result) {}

    /**
     * A data set's loss Hessian, {@code 2·[[1, mean(x1)], [mean(x1), mean(x1²)]]}: its
     * eigenvalues, whose ratio bounds how fast plain gradient descent can go.
     *
     * @param dataset the data set
     * @param lambdaMax the largest eigenvalue
     * @param lambdaMin the smallest eigenvalue
     */
    public record Conditioning(Dataset dataset, double lambdaMax, double lambdaMin) {

        /** @return κ = λ_max / λ_min */
        public double conditionNumber() {
            return lambdaMax / lambdaMin;
        }
    }

    private Study() {}

    /**
     * The learning rate the grid uses for a data set.
     *
     * @param dataset the data set
     * @return its documented learning rate
     */
    public static double learningRate(Dataset dataset) {
        return dataset == Dataset.WIDE ? WIDE_LR : NOTEBOOK_LR;
    }

    /**
     * Every data set's Hessian, computed from the data, in {@link Dataset} order.
     *
     * @return one entry per data set
     */
    public static List<Conditioning> conditioning() {
        List<Conditioning> out = new ArrayList<>();
        for (Dataset dataset : Dataset.values()) {
            double[] lambda = LeastSquares.eigenvalues(dataset.data().features());
            out.add(new Conditioning(dataset, lambda[0], lambda[1]));
        }
        return out;
    }

    /**
     * The configurations of the grid, in table order: data set, then method, then momentum.
     *
     * @param runs R per cell, 1 to 10^4
     * @return twelve configurations
     */
    public static List<DescentConfig> configurations(int runs) {
        List<DescentConfig> configs = new ArrayList<>();
        for (Dataset dataset : Dataset.values()) {
            for (Method method : Method.values()) {
                for (double momentum : new double[] {0, MOMENTUM}) {
                    configs.add(DescentConfig.builder()
                            .optDataset(dataset)
                            .optMethod(method)
                            .setLearningRate(learningRate(dataset))
                            .optMomentum(momentum)
                            .optRuns(runs)
                            .optKeepTrajectory(false)
                            .build());
                }
            }
        }
        return configs;
    }

    /**
     * Runs every cell.
     *
     * @param manager the caller's PyTorch manager
     * @param runs R per cell
     * @param cellDone hears of every finished cell (e.g. a progress bar)
     * @return the twelve cells in table order
     */
    public static List<Cell> run(NDManager manager, int runs, Consumer<Cell> cellDone) {
        List<Cell> cells = new ArrayList<>();
        for (DescentConfig config : configurations(runs)) {
            DescentResult result = Descent.run(manager, config);
            Cell cell = new Cell(config.dataset().orElseThrow(), config.method(),
                    config.momentum(), result);
            cells.add(cell);
            cellDone.accept(cell);
        }
        return cells;
    }
}
