package io.github.sgdlab.cli;

import ai.djl.ndarray.NDManager;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.Study;
import io.github.sgdlab.descent.StudyReport;
import io.github.sgdlab.output.DescentJson;
import io.github.sgdlab.output.OutputDirectory;
import io.github.sgdlab.output.StudyJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code descend study}: the assignment's grid, both data sets × three methods × with and
 * without momentum, as a Markdown table, and the Hessians' condition numbers that explain it.
 */
@Command(
        name = "study",
        mixinStandardHelpOptions = true,
        description = "Both datasets x {full, sgd, minibatch} x {vanilla, momentum 0.9} at "
                + "documented learning rates: a Markdown table and the condition numbers "
                + "(--json: the same as JSON).")
final class StudyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--runs", paramLabel = "R",
            description = "Runs per cell, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    private int runs = Study.DEFAULT_RUNS;

    @Option(names = "--json", description = "Print the study as one line of JSON (what "
            + "study.json holds) instead of the table.")
    private boolean json;

    @Mixin
    private OutOptions output;

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || runs > DescentConfig.MAX_RUNS) {
            throw new ParameterException(spec.commandLine(),
                    "runs must be between 1 and " + DescentConfig.MAX_RUNS + ", got " + runs);
        }
        List<Study.Cell> cells;
        String text;
        String jsonText;
        try (OutputDirectory directory = output.open(spec)) {
            try (NDManager manager = NDManager.newBaseManager("PyTorch");
                    StderrProgress bar = StderrProgress.start("descend study (cells)",
                            Study.configurations(runs).size(), output.quiet())) {
                cells = Study.run(manager, runs, cell -> bar.step());
            }
            List<Study.Conditioning> hessians = Study.conditioning();
            text = StudyReport.table(cells) + "\n" + StudyReport.conditioning(hessians);
            // The JSON only where it goes somewhere: stdout with --json, study.json with --out.
            jsonText = json || directory != null
                    ? DescentJson.toText(StudyJson.toJson(runs, cells, hessians)) + "\n" : null;
            if (directory != null) {
                // The files first: a reader of stdout that left early must not cost them.
                OutputWriting.run(() -> {
                    directory.write("study.md", stream -> stream.write(
                            text.getBytes(StandardCharsets.UTF_8)));
                    directory.write("study.json", stream -> stream.write(
                            jsonText.getBytes(StandardCharsets.UTF_8)));
                    directory.commit();
                });
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json ? jsonText : text);
        stdout.flush();
        return 0;
    }
}
