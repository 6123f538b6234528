package io.github.sgdlab.cli;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.notebook.NotebookTranscript;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code notebook}: prints what the seed notebook prints, then the cross-check verdict. */
@Command(
        name = "notebook",
        mixinStandardHelpOptions = true,
        description = "Print the seed notebook's output (seed 45, 40 samples, theta = (0, 0), "
                + "float32), then the cross-check verdict.")
final class NotebookCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the results as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        LinearData data = LinearData.notebook();
        return GradientReport.print(spec, data, Theta.ZERO, DataType.FLOAT32, json,
                manager -> GradientComparison.compute(manager, data, Theta.ZERO, DataType.FLOAT32),
                result -> { }, NotebookTranscript::text);
    }
}
