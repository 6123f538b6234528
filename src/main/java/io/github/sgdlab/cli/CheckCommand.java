package io.github.sgdlab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.sgdlab.check.GradCheck;
import io.github.sgdlab.check.GradCheckResult;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.linear.NotebookLoss;
import io.github.sgdlab.persample.PerSampleLoss;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code check}: the gradient check (DJL autograd against central finite differences, float64)
 * on the notebook's model and on a small MLP; exit 1 if either fails.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Gradient check (DJL autograd against central finite differences, "
                + "float64, torch's eps/atol/rtol) of the notebook model and a small MLP; "
                + "exit 1 if a check fails.")
final class CheckCommand implements Callable<Integer> {

    /** Exit code when a gradient check fails. */
    static final int CHECK_FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--fast", description = "Fast mode: random projections v^T J u instead of "
            + "the full Jacobian.")
    private boolean fast;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the MLP's parameters and "
            + "data and of fast mode's vectors (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--eps", paramLabel = "EPS", description = "Finite-difference step "
            + "(default: ${DEFAULT-VALUE}, torch's).")
    private double eps = 1e-6;

    @Override
    public Integer call() {
        if (Double.isFinite(eps) && eps > 0 && 1.0 + eps == 1.0 && 1.0 - eps == 1.0) {
            // θ ± ε rounds back to θ for parameters of size 1: every difference would be 0.
            throw new ParameterException(spec.commandLine(), "--eps " + eps
                    + " cannot move a parameter of size 1 in float64 (1 + eps == 1); use at "
                    + "least " + Math.ulp(1.0) + " (torch's default is 1e-6)");
        }
        GradCheck check;
        try {
            check = GradCheck.builder().optEps(eps).optFastMode(fast).optSeed(seed).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        LinearData data = LinearData.notebook();
        SmallMlp mlp = SmallMlp.DEFAULT;
        GradCheckResult notebook;
        GradCheckResult network;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray theta0 = manager.create(0.0);
            NDArray theta1 = manager.create(0.0);
            theta0.setName("theta_0");
            theta1.setName("theta_1");
            theta0.setRequiresGradient(true);
            theta1.setRequiresGradient(true);
            notebook = check.check(NotebookLoss.of(manager.create(data.x1()),
                    manager.create(data.y())), new NDList(theta0, theta1));
            Block block = mlp.block(manager, seed);
            network = check.check(block, PerSampleLoss.softmaxCrossEntropy(),
                    mlp.inputs(manager, seed + 1), mlp.labels(manager, seed + 2));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print("Notebook model: mean((theta_1 * x1 + theta_0 - y)^2), seed " + data.seed()
                + ", " + data.samples() + " samples, theta = (0, 0), float64\n");
        out.print(notebook.report());
        out.print("\n" + mlp + ", mean softmax cross-entropy, seed " + seed + "\n");
        out.print(network.report());
        out.flush();
        return notebook.passed() && network.passed() ? 0 : CHECK_FAILED;
    }
}
