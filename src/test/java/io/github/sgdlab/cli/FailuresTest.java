package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one-line messages for failures that are not bad input. */
class FailuresTest {

    @Test
    @DisplayName("a failed native operation is not reported as an engine that cannot load")
    void nativeOperationFailure() {
        String message = Failures.describe(new EngineException(
                "a leaf Variable that requires grad is being used in an in-place operation."));
        assertEquals("EngineException: a leaf Variable that requires grad is being used in an "
                + "in-place operation.", message);
    }

    @Test
    @DisplayName("a failure thrown while DJL starts an engine is reported as one that cannot load")
    void engineLookupFailure() {
        EngineException lookup = new EngineException("Unknown default engine: OnnxRuntime");
        lookup.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("ai.djl.engine.Engine", "getEngine", "Engine.java", 195)
        });
        assertTrue(Failures.describe(lookup).startsWith("cannot load the PyTorch engine: "),
                Failures.describe(lookup));
    }
}
