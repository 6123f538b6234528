package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import io.github.sgdlab.persample.PerSampleLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The gradient check DJL lacks: DJL's autograd against central finite differences, as
 * {@code torch.autograd.gradcheck}, JAX's {@code check_grads} and DL4J's
 * {@code GradientCheckUtil} do.
 *
 * <pre>{@code
 * GradCheck check = GradCheck.builder().build();          // torch's eps, atol and rtol
 * NDArray x = manager.create(new double[] {0.5, -1.2, 2.0});
 * x.setRequiresGradient(true);
 * GradCheckResult result = check.check(in -> in.head().sin().sum(), new NDList(x));
 * System.out.println(result.report());
 * }</pre>
 *
 * <p>Element k of every input that requires a gradient is moved by ±eps, and the central
 * difference {@code (f(x + eps) - f(x - eps)) / 2eps} of every output element is compared with
 * DJL's autograd, one backward pass per output element: the full Jacobian. Fast mode compares
 * {@code vᵀ J u} for seeded random unit vectors u (per input) and v (over the outputs): one
 * backward pass and two forward passes per input, whatever the sizes. A value passes when
 * {@code |analytical - numerical| <= atol + rtol * |numerical|}. Where the output does not
 * depend on a checked input at all, autograd's Jacobian is zero and is compared like any other.
 *
 * <p>Inputs must be float64, as in torch and DL4J. The caller's inputs, parameters and gradients
 * are left as they were; collectors open through {@link io.github.sgdlab.autograd.CollectorGate};
 * every NDArray made is closed. Instances are immutable.
 */
public final class GradCheck {

    private final double eps;
    private final double atol;
    private final double rtol;
    private final boolean fastMode;
    private final long seed;

    private GradCheck(Builder builder) {
        this.eps = builder.eps;
        this.atol = builder.atol;
        this.rtol = builder.rtol;
        this.fastMode = builder.fastMode;
        this.seed = builder.seed;
    }

    /**
     * Starts a builder with torch's defaults: eps 1e-6, atol 1e-5, rtol 1e-3, full mode, seed 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the gradient of {@code f} with respect to every input that requires a gradient.
     *
     * @param f maps the inputs to an output of any shape, in float64
     * @param inputs the point to check at; those with {@code setRequiresGradient(true)} are checked
     * @return the worst element of each checked input, and the verdict
     * @throws IllegalArgumentException if no input requires a gradient, or a checked input or the
     *     output is not float64 or has no elements
     */
    public GradCheckResult check(Function<NDList, NDArray> f, NDList inputs) {
        return run(new FunctionSubject(f, inputs));
    }

    /**
     * Checks the gradient of a block's mean loss with respect to every parameter that requires a
     * gradient: {@code mean(loss.apply(labels, block.forward(inputs)))}, forward in inference mode
     * ({@code training = false}, so dropout is off).
     *
     * <p>The check runs on a snapshot of the parameters, taken inside
     * {@link io.github.sgdlab.autograd.CollectorGate#exclusive}: the block's parameters and
     * gradients are never written, so a DJL trainer made by
     * {@link io.github.sgdlab.autograd.CollectorGate#newTrainer} may train the same block on
     * another thread meanwhile; the check sees the parameters as they were when it began. A
     * parameter shared by several blocks is checked once.
     *
     * @param block an initialized block with float64 parameters
     * @param loss the per-sample loss
     * @param inputs the block's inputs
     * @param labels the labels
     * @return the worst element of each parameter, and the verdict
     * @throws IllegalArgumentException if the block is not initialized, has no trainable
     *     parameter, or a parameter or the loss is not float64, or a parameter has no elements
     */
    public GradCheckResult check(Block block, PerSampleLoss loss, NDList inputs, NDArray labels) {
        try (BlockSubject subject = new BlockSubject(block, loss, inputs, labels)) {
            return run(subject);
        }
    }

    /** Runs the check on anything reduced to doubles. */
    GradCheckResult run(Differentiable subject) {
        for (int j = 0; j < subject.count(); j++) {
            requireElements(subject.name(j) + " (shape " + subject.shape(j) + ")",
                    subject.shape(j).size());
        }
        double[] output = subject.output(-1, null);
        requireElements("the output", output.length);
        List<ElementCheck> checks = fastMode ? fast(subject, output) : full(subject, output);
        return new GradCheckResult(checks, fastMode, eps, atol, rtol);
    }

    /**
     * Refuses an empty tensor: it has no element to move and no direction to project on (fast
     * mode's random unit vector would never be found), so a check of it could only pass vacuously.
     */
    private static void requireElements(String what, long size) {
        if (size == 0) {
            throw new IllegalArgumentException(what + " has no elements: a gradient check "
                    + "needs at least one element to perturb and one output element to compare");
        }
    }

    private List<ElementCheck> full(Differentiable subject, double[] output) {
        double[][][] analytical = analyticalJacobian(subject, output.length);
        List<ElementCheck> checks = new ArrayList<>();
        for (int j = 0; j < subject.count(); j++) {
            checks.add(worstElement(subject, j, analytical));
        }
        return checks;
    }

    /** Row i of the Jacobian for every input: one backward pass of output element i each. */
    private static double[][][] analyticalJacobian(Differentiable subject, int outputs) {
        double[][][] rows = new double[outputs][][];
        for (int i = 0; i < outputs; i++) {
            double[] unit = new double[outputs];
            unit[i] = 1;
            rows[i] = subject.vectorJacobian(unit);
        }
        return rows;
    }

    /** Every element of input j against its central difference; the worst one. */
    private ElementCheck worstElement(Differentiable subject, int j, double[][][] analytical) {
        double[] x = subject.values(j);
        ElementCheck worst = null;
        for (int k = 0; k < x.length; k++) {
            double[] column = centralDifference(subject, j, x, k);
            for (int i = 0; i < column.length; i++) {
                ElementCheck check = compare(subject.name(j), j, i, k,
                        analytical[i][j][k], column[i]);
                if (worst == null || check.severity() > worst.severity()) {
                    worst = check;
                }
            }
        }
        return worst;
    }

    /** Column k of input j's Jacobian: {@code (f(x + eps e_k) - f(x - eps e_k)) / 2eps}. */
    private double[] centralDifference(Differentiable subject, int j, double[] x, int k) {
        double original = x[k];
        double[] perturbed = x.clone();
        perturbed[k] = original + eps;
        double[] plus = subject.output(j, perturbed);
        perturbed[k] = original - eps;
        double[] minus = subject.output(j, perturbed);
        double[] column = new double[plus.length];
        for (int i = 0; i < column.length; i++) {
            column[i] = (plus[i] - minus[i]) / (2 * eps);
        }
        return column;
    }

    private List<ElementCheck> fast(Differentiable subject, double[] output) {
        Random random = new Random(seed);
        double[] v = unitVector(random, output.length);
        double[][] vJ = subject.vectorJacobian(v);
        List<ElementCheck> checks = new ArrayList<>();
        double[][][] analytical = null;
        for (int j = 0; j < subject.count(); j++) {
            double[] x = subject.values(j);
            double[] u = unitVector(random, x.length);
            double[] plus = x.clone();
            double[] minus = x.clone();
            for (int k = 0; k < x.length; k++) {
                plus[k] = x[k] + eps * u[k];
                minus[k] = x[k] - eps * u[k];
            }
            double numerical = (dot(v, subject.output(j, plus)) - dot(v, subject.output(j, minus)))
                    / (2 * eps);
            ElementCheck projection = compare(subject.name(j), j, -1, -1, dot(vJ[j], u), numerical);
            checks.add(projection);
            if (!projection.passed()) {
                // As torch suggests after a fast-mode failure: find the element in full mode.
                if (analytical == null) {
                    analytical = analyticalJacobian(subject, output.length);
                }
                checks.add(worstElement(subject, j, analytical));
            }
        }
        return checks;
    }

    private ElementCheck compare(String name, int j, long i, long k,
            double analytical, double numerical) {
        return new ElementCheck(name, j, i, k, analytical, numerical,
                atol + rtol * Math.abs(numerical));
    }

    /** A random direction, uniform on the sphere: normalised standard normals. */
    private static double[] unitVector(Random random, int size) {
        double[] u = new double[size];
        double norm = 0;
        while (norm == 0) {
            for (int k = 0; k < size; k++) {
                u[k] = random.nextGaussian();
                norm += u[k] * u[k];
            }
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < size; k++) {
            u[k] /= norm;
        }
        return u;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Collects the optional settings of a {@link GradCheck}; every one has torch's default. */
    public static final class Builder {

        private double eps = 1e-6;
        private double atol = 1e-5;
        private double rtol = 1e-3;
        private boolean fastMode;
        private long seed;

        private Builder() {}

        /**
         * Sets the finite-difference step; 1e-6 by default.
         *
         * @param eps a positive, finite step
         * @return this builder
         * @throws IllegalArgumentException if eps is not positive and finite
         */
        public Builder optEps(double eps) {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("eps must be positive and finite, got " + eps);
            }
            this.eps = eps;
            return this;
        }

        /**
         * Sets the absolute tolerance; 1e-5 by default.
         *
         * @param atol a non-negative tolerance
         * @return this builder
         * @throws IllegalArgumentException if atol is negative or NaN
         */
        public Builder optAtol(double atol) {
            this.atol = nonNegative("atol", atol);
            return this;
        }

        /**
         * Sets the relative tolerance; 1e-3 by default.
         *
         * @param rtol a non-negative tolerance
         * @return this builder
         * @throws IllegalArgumentException if rtol is negative or NaN
         */
        public Builder optRtol(double rtol) {
            this.rtol = nonNegative("rtol", rtol);
            return this;
        }

        /**
         * Checks {@code vᵀ J u} for seeded random unit vectors instead of every element; false by
         * default. An input that fails is then checked element by element, so the report still
         * names the element.
         *
         * @param fastMode whether to use random projections
         * @return this builder
         */
        public Builder optFastMode(boolean fastMode) {
            this.fastMode = fastMode;
            return this;
        }

        /**
         * Sets the seed of fast mode's random vectors; 0 by default.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the checker.
         *
         * @return the configured checker
         */
        public GradCheck build() {
            return new GradCheck(this);
        }

        private static double nonNegative(String name, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(
                        name + " must be non-negative and finite, got " + value);
            }
            return value;
        }
    }
}
