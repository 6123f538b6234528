/**
 * The command line: picocli commands that parse, call one library entry point and print. No
 * maths here. {@link io.github.sgdlab.cli.Launcher} is the jar's entry point;
 * {@link io.github.sgdlab.cli.SgdLab} runs the commands and maps every outcome to an exit code.
 */
package io.github.sgdlab.cli;
