package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sgdlab.cli.SgdLabTest.Run;
import io.github.sgdlab.data.ColumnChoiceException;
import io.github.sgdlab.output.OutputDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab refuses bad columns, dependent features and unusable output directories in its own
 * words, with the reason typed; the command line names them by its flags. These are the exact
 * lines a user reads, each with exit code 2 and nothing on stdout.
 */
class FlagWordingTest {

    @TempDir
    Path dir;

    private static void assertBadInput(Run run, String line) {
        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertEquals("", run.out(), "nothing on stdout"),
                () -> assertEquals(line + System.lineSeparator(), run.err()));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    @DisplayName("a choice of columns the header refuses is named by --y and --x")
    void columns() throws IOException {
        Path d = write("d.csv", "x1,x2,y\n1,2,3\n4,5,6\n7,9,8\n");
        for (String command : List.of("gradient", "descend")) {
            String[] lead = command.equals("descend")
                    ? new String[] {"descend", "--lr", "0.1", "--data", d.toString()}
                    : new String[] {"gradient", "--data", d.toString()};
            assertBadInput(SgdLabTest.run(with(lead, "--y", "z")), d + ":1: --y names column"
                    + " 'z', which the header does not have (columns: x1, x2, y)");
            assertBadInput(SgdLabTest.run(with(lead, "--x", "x3")), d + ":1: --x names column"
                    + " 'x3', which the header does not have (columns: x1, x2, y)");
            assertBadInput(SgdLabTest.run(with(lead, "--x", "x1,y")),
                    d + ":1: column 'y' is both the target (--y) and a feature (--x)");
            assertBadInput(SgdLabTest.run(with(lead, "--x", "x1,x1")),
                    d + ":1: --x names column 'x1' twice");
        }
        Path only = write("only.csv", "y\n1\n2\n");
        assertBadInput(SgdLabTest.run("gradient", "--data", only.toString()), only
                + ":1: no feature columns: the target is 'y' and the header has no other column");
    }

    @Test
    @DisplayName("an empty choice of features, which no flag can make, would be named by --x")
    void noFeatureChosen() {
        ColumnChoiceException none = new ColumnChoiceException("d.csv", 1,
                ColumnChoiceException.Reason.NO_FEATURE_CHOSEN, "y", List.of("x1", "y"));
        assertEquals("no feature columns: the target is 'y' and --x names none",
                DataFileOptions.inOptions(none));
    }

    @Test
    @DisplayName("dependent features are named, with --x as the remedy")
    void dependentFeatures() throws IOException {
        Path constant = write("const.csv", "a,c,y\n1,5,3\n2,5,6\n3,5,2\n4,5,1\n");
        assertBadInput(SgdLabTest.run("descend", "--lr", "0.1", "--data", constant.toString()),
                "sgd-lab: " + constant + ": feature 'c' is constant, so the least-squares theta*"
                        + " is not unique; leave it out with --x");
        Path combined = write("comb.csv", "a,b,y\n1,2,3\n2,4,6\n3,6,2\n4,8,1\n");
        assertBadInput(SgdLabTest.run("descend", "--lr", "0.1", "--data", combined.toString()),
                "sgd-lab: " + combined + ": feature 'b' is a linear combination of 'a' (after"
                        + " removing the means), so the least-squares theta* is not unique;"
                        + " leave one out with --x");
    }

    @Test
    @DisplayName("an output directory that cannot be used is named by --out, and --force offered")
    void outputDirectory() throws IOException {
        Path file = write("afile", "f");
        assertBadInput(SgdLabTest.run("descend", "--lr", "0.1", "--out", file.toString()),
                "sgd-lab: --out " + file + " exists and is not a directory");
        Path full = Files.createDirectory(dir.resolve("full"));
        write("full/a", "a");
        assertBadInput(SgdLabTest.run("descend", "study", "--out", full.toString()),
                "sgd-lab: --out " + full + " exists and is not empty; use --force to write into"
                        + " it");
        assertBadInput(SgdLabTest.run("descend", "--lr", "0.1", "--out",
                file.resolve("below").toString()),
                "sgd-lab: --out " + file.resolve("below") + " cannot be created: " + file
                        + " is not a directory");
        Path held = dir.resolve("held");
        try (OutputDirectory first = OutputDirectory.check(held, false)) {
            first.open();
            assertBadInput(SgdLabTest.run("descend", "--lr", "0.1", "--out", held.toString(),
                    "--force"), "sgd-lab: --out " + held + " is in use by another sgd-lab run;"
                            + " wait for it to finish or choose another directory");
        }
        // A read-only file system, which permission bits (and root) do not reveal.
        if (Files.isDirectory(Path.of("/proc"))) {
            assertBadInput(SgdLabTest.run("descend", "--lr", "0.1", "--out", "/proc/x"),
                    "sgd-lab: --out /proc/x is not writable (/proc)");
        }
    }

    private static String[] with(String[] lead, String... more) {
        String[] all = new String[lead.length + more.length];
        System.arraycopy(lead, 0, all, 0, lead.length);
        System.arraycopy(more, 0, all, lead.length, more.length);
        return all;
    }
}
