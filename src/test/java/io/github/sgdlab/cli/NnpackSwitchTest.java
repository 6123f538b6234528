package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link NnpackSwitch} reaches libtorch's C++ symbols: it reads and writes
 * {@code at::globalContext()}'s NNPACK flag, and switches NNPACK off only where it cannot
 * initialise. (Unsupported hardware itself is simulated by src/test/bench/nnpack/, which
 * preloads a native library: not something a unit test can do in its own JVM.)
 */
class NnpackSwitchTest {

    @Test
    @DisplayName("the flag round-trips through libtorch: set false reads false, set true reads true")
    void flagRoundTrips() {
        Engine.getEngine("PyTorch");
        boolean original = NnpackSwitch.isUserEnabled();
        try {
            NnpackSwitch.setUserEnabled(false);
            assertFalse(NnpackSwitch.isUserEnabled());
            NnpackSwitch.setUserEnabled(true);
            assertTrue(NnpackSwitch.isUserEnabled());
        } finally {
            NnpackSwitch.setUserEnabled(original);
        }
    }

    @Test
    @DisplayName("switched off exactly where NNPACK does not initialise; left alone where it does")
    void offOnlyWhereUnsupported() {
        Engine.getEngine("PyTorch");
        boolean original = NnpackSwitch.isUserEnabled();
        try {
            NnpackSwitch.setUserEnabled(true);
            boolean available = NnpackSwitch.isAvailable();
            assertEquals(!available, NnpackSwitch.disableWhereUnsupported());
            assertEquals(available, NnpackSwitch.isUserEnabled());
        } finally {
            NnpackSwitch.setUserEnabled(original);
        }
    }
}
