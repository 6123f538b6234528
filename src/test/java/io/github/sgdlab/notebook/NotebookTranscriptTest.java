package io.github.sgdlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.sgdlab.Resources;
import io.github.sgdlab.grad.GradientComparison;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The transcript against the printed lines of the seed notebook itself. */
class NotebookTranscriptTest {

    /**
     * The seed's printed lines, cell by cell: in notebook.txt each output block follows its code
     * cell after a blank line and runs until the next "In [" or the end.
     *
     * @return the output lines of each cell that printed something
     */
    static List<List<String>> seedOutputs() {
        List<List<String>> cells = new ArrayList<>();
        List<String> current = null;
        for (String line : Resources.text("seed/notebook.txt").split("\n", -1)) {
            if (line.startsWith("In [")) {
                current = null;
            } else if (isPrintedLine(line)) {
                if (current == null) {
                    current = new ArrayList<>();
                    cells.add(current);
                }
                current.add(line);
            }
        }
        return cells;
    }

    /** Printed lines are the ones of the form "words: number" that no code line matches. */
    private static boolean isPrintedLine(String line) {
        return line.matches("[A-Z][A-Za-z0-9_ ()]*: -?\\d+\\.\\d{4}");
    }

    @Test
    @DisplayName("the seed has eleven printed lines in four cells")
    void seedHasElevenLines() {
        List<List<String>> seed = seedOutputs();
        assertEquals(4, seed.size());
        assertEquals(11, seed.stream().mapToInt(List::size).sum());
    }

    @Test
    @DisplayName("the Java run prints the seed's lines, number for number, then the verdict")
    void printsTheSeedsLines() {
        GradientComparison result;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
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
        assertEquals("", text[expected.size() + 1], "the text ends with one newline");
        assertEquals(expected.size() + 2, text.length);
    }
}
