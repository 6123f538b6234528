package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The progress line of long per-sample loops. */
class ProgressTest {

    @Test
    @DisplayName("a loop that ends within half a second draws nothing")
    void redrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                400_000);
        for (int done = 1; done <= 400_000; done++) {
            progress.accept(done);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        // Done within half a second: no intermediate line, so no final line either.
        assertEquals("", text);
    }

    @Test
    @DisplayName("a slow loop shows done/total and the percentage, then finishes the line")
    void slowLoop() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                200_000);
        Thread.sleep(550);
        progress.accept(50_000);
        progress.accept(50_001);
        progress.accept(200_000);
        assertEquals("\rper-sample loop: 50000/200000 samples (25%)"
                + "\rper-sample loop: 200000/200000 samples (100%)\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
