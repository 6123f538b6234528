package io.github.sgdlab.cli;

import picocli.CommandLine.Command;

/** {@code bench}: in-process timings of the library's engines; one subcommand per engine. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time the library's engines in-process (min and median of repeated runs).",
        subcommands = {BenchPerSampleCommand.class, BenchPrivateCommand.class})
final class BenchCommand {
}
