package io.github.sgdlab.cli;

import com.google.gson.JsonObject;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.linear.PerSampleSink;
import io.github.sgdlab.notebook.Notebook;
import io.github.sgdlab.notebook.NotebookTranscript;
import io.github.sgdlab.persample.Strategy;

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
        JsonObject lead = new JsonObject();
        lead.addProperty("seed", LinearData.NOTEBOOK_SEED);
        return GradientReport.print(spec, new GradientReport.Source("", lead, new JsonObject()),
                LinearData.notebook().features(),
                new GradientReport.Settings(Notebook.THETA, Notebook.DATA_TYPE, json,
                        Strategy.VECTORIZED, null, PerSampleSink.NONE, result -> { },
                        NotebookTranscript::text));
    }
}
