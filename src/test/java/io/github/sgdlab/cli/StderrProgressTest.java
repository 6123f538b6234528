package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StderrProgressTest {

    @Test
    @DisplayName("with --quiet, or when stderr is not a terminal (as under Maven), nothing is drawn")
    void silent() {
        try (StderrProgress quiet = StderrProgress.start("study", 12, true)) {
            assertFalse(quiet.shown());
            quiet.step();
        }
        // Surefire pipes the forked JVM's stderr, so this is the not-a-terminal case.
        assertFalse(StderrTerminal.isTerminal());
        try (StderrProgress piped = StderrProgress.start("study", 12, false)) {
            assertFalse(piped.shown());
        }
    }

    @Test
    @DisplayName("on a terminal the bar names the task and ends on the final count")
    void drawn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (StderrProgress progress = StderrProgress.on("descend study", 12, out, 80,
                Duration.ZERO)) {
            assertTrue(progress.shown());
            for (int k = 0; k < 12; k++) {
                progress.step();
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        String last = text.substring(text.lastIndexOf('\r') + 1).strip();
        assertTrue(last.startsWith("descend study 100%"), last);
        assertTrue(last.contains("12/12"), last);
        assertTrue(text.endsWith(System.lineSeparator()), "the bar's line is ended");
    }

    @Test
    @DisplayName("a task shorter than the delay draws nothing")
    void shortTaskSilent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (StderrProgress progress = StderrProgress.on("quick", 3, out, 80, Duration.ofHours(1))) {
            progress.step();
            progress.step();
            progress.step();
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
