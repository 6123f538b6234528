package io.github.sgdlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.grad.GradientComparison;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The transcript against the printed lines of the seed notebook itself. */
class NotebookTranscriptTest extends EngineTest {

    static List<List<String>> seedOutputs() {
        return new ArrayList<>(SeedNotebook.printedLines().values());
    }

    @Test
    @DisplayName("the seed has eleven printed lines in four cells")
    void seedHasElevenLines() {
        List<List<String>> seed = seedOutputs();
        assertEquals(List.of(10, 11, 12, 14), List.copyOf(SeedNotebook.printedLines().keySet()));
        assertEquals(4, seed.size());
        assertEquals(11, seed.stream().mapToInt(List::size).sum());
    }

    @Test
    @DisplayName("the Java run prints the seed's lines, number for number, then the verdict")
    void printsTheSeedsLines() {
        GradientComparison result;
        try (NDManager manager = newManager()) {
            result = Notebook.run(manager);
        }
        assertEquals(seedOutputs(), NotebookTranscript.cellOutputs(result));

        String[] text = NotebookTranscript.text(result).split("\n", -1);
        List<String> expected = new ArrayList<>();
        for (List<String> cell : seedOutputs()) {
            expected.addAll(cell);
            expected.add("");
        }
        assertEquals(expected, List.of(text).subList(0, expected.size()));
        String verdict = text[expected.size()];
        assertTrue(verdict.startsWith("Cross-check: OK, DJL autograd (float32) matches"), verdict);
        // Then one line per compared value, each with its own tolerance.
        List<String> names = List.of("grad_theta0", "grad_theta1", "loss",
                "average_grad_theta0", "average_grad_theta1");
        for (int i = 0; i < names.size(); i++) {
            String line = text[expected.size() + 1 + i];
            assertTrue(line.startsWith("  " + names.get(i) + " ") && line.contains(" <= tolerance "),
                    line);
        }
        assertEquals("", text[expected.size() + 6], "the text ends with one newline");
        assertEquals(expected.size() + 7, text.length);
    }
}
