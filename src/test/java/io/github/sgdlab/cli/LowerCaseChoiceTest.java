package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sgdlab.descent.Dataset;
import io.github.sgdlab.descent.LowerCaseId;
import io.github.sgdlab.descent.Method;
import io.github.sgdlab.descent.Outcome;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LowerCaseChoiceTest {

    @Test
    @DisplayName("the command line reads each lab name exactly as the reports and files write it")
    void commandLineReadsTheFilesNames() {
        readsBack(Dataset.values());
        readsBack(Method.values());
        readsBack(Outcome.values());
    }

    private static <E extends Enum<E> & LowerCaseId> void readsBack(E[] values) {
        for (E value : values) {
            assertEquals(value.id(), LowerCaseChoice.spelling(value));
            assertSame(value, LowerCaseChoice.choose("value", value.id(), values));
        }
    }

    @Test
    @DisplayName("an unknown name is refused, naming the value and every choice")
    void unknown() {
        assertEquals("unknown method 'x': expected full, sgd or minibatch",
                assertThrows(IllegalArgumentException.class,
                        () -> LowerCaseChoice.choose("method", "x", Method.values()))
                        .getMessage());
        assertEquals("unknown dataset 'NOTEBOOK': expected notebook or wide",
                assertThrows(IllegalArgumentException.class,
                        () -> LowerCaseChoice.choose("dataset", "NOTEBOOK", Dataset.values()))
                        .getMessage());
        assertEquals("a", LowerCaseChoice.choices(List.of("a")));
        assertEquals("a, b or c", LowerCaseChoice.choices(Stream.of("a", "b", "c").toList()));
    }
}
