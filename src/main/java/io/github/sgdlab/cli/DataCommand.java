package io.github.sgdlab.cli;

import io.github.sgdlab.data.LinearData;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code data}: the generated x1, eps and y, each double printed so it parses back exactly. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Print the data set x1 = uniform(-1, 1, n), eps = randn(n), "
                + "y = 3*x1 + 4 + eps, drawn as numpy's legacy RandomState draws it.")
final class DataCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { csv, json }

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataSetOptions dataSet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or json (default: ${DEFAULT-VALUE}).")
    private Format format = Format.csv;

    @Override
    public Integer call() {
        LinearData data = dataSet.generate();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("seed", Long.toString(data.seed()));
            fields.put("samples", Integer.toString(data.samples()));
            fields.put("x1", Json.array(data.x1()));
            fields.put("eps", Json.array(data.eps()));
            fields.put("y", Json.array(data.y()));
            out.println(Json.object(fields));
        } else {
            out.println("x1,eps,y");
            for (int i = 0; i < data.samples(); i++) {
                out.println(DoubleText.of(data.x1(i)) + ',' + DoubleText.of(data.eps(i)) + ','
                        + DoubleText.of(data.y(i)));
            }
        }
        out.flush();
        return 0;
    }
}
