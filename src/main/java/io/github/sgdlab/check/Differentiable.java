package io.github.sgdlab.check;

import ai.djl.ndarray.types.Shape;

/**
 * What {@link GradCheck} checks, reduced to plain doubles: some float64 tensors (inputs or
 * parameters) and a float64 output that depends on them, evaluated with one tensor replaced
 * (for finite differences) and differentiated by DJL's autograd (vector-Jacobian products).
 */
interface Differentiable {

    /**
     * How many tensors are checked.
     *
     * @return the number of inputs or parameters that require a gradient
     */
    int count();

    /**
     * The name of a checked tensor, for the report.
     *
     * @param j which tensor
     * @return its name
     */
    String name(int j);

    /**
     * The shape of a checked tensor.
     *
     * @param j which tensor
     * @return its shape
     */
    Shape shape(int j);

    /**
     * The values of a checked tensor, flat, row-major.
     *
     * @param j which tensor
     * @return a fresh copy of its values
     */
    double[] values(int j);

    /**
     * The output, flat, with tensor {@code j} replaced by {@code replacement} (or nothing replaced
     * when {@code j < 0}). Afterwards everything is as before.
     *
     * @param j which tensor to replace, or -1
     * @param replacement its values for this evaluation
     * @return the output's values
     * @throws IllegalArgumentException if the output is not float64
     */
    double[] output(int j, double[] replacement);

    /**
     * DJL's autograd: for each checked tensor, the gradient of {@code Σ v_i · output_i}, that is
     * {@code vᵀ J}. Afterwards every tensor and gradient is as before.
     *
     * @param v one weight per output element
     * @return one flat gradient per checked tensor
     */
    double[][] vectorJacobian(double[] v);
}
