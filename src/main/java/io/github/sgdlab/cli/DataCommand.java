package io.github.sgdlab.cli;

import com.google.gson.stream.JsonWriter;
import io.github.sgdlab.data.LinearDataRows;
import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.output.JsonNumbers;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code data}: the generated x1, eps and y, each double printed so it parses back exactly.
 *
 * <p>Rows are drawn as they are printed ({@link LinearDataRows}), so memory stays flat in n for
 * both formats and a reader that goes away stops the work at the next write.
 */
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
    public Integer call() throws IOException {
        long seed = dataSet.seed();
        int samples = dataSet.samples();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            json(out, seed, samples);
        } else {
            csv(out, new LinearDataRows(seed, samples));
        }
        out.flush();
        return 0;
    }

    private static void csv(PrintWriter out, LinearDataRows rows) {
        out.print("x1,eps,y\n");
        while (rows.hasNext()) {
            rows.advance();
            out.print(DoubleText.of(rows.x1()));
            out.print(',');
            out.print(DoubleText.of(rows.eps()));
            out.print(',');
            out.print(DoubleText.of(rows.y()));
            out.print('\n');
        }
    }

    /** {seed, samples, x1, eps, y}: one pass over the rows for each array. */
    private static void json(PrintWriter out, long seed, int samples) throws IOException {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        json.name("seed").value(seed);
        json.name("samples").value(samples);
        LinearDataRows x1 = new LinearDataRows(seed, samples);
        array(json.name("x1"), x1, x1::x1);
        LinearDataRows eps = new LinearDataRows(seed, samples);
        array(json.name("eps"), eps, eps::eps);
        LinearDataRows y = new LinearDataRows(seed, samples);
        array(json.name("y"), y, y::y);
        json.endObject();
        json.flush();
        out.print('\n');
    }

    private static void array(JsonWriter json, LinearDataRows rows, DoubleSupplier value)
            throws IOException {
        json.beginArray();
        while (rows.hasNext()) {
            rows.advance();
            JsonNumbers.number(json, value.getAsDouble());
        }
        json.endArray();
    }
}
