package io.github.sgdlab.check;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class with one PyTorch manager for all its tests; each test scopes a sub-manager. */
abstract class PyTorchTest {

    /** The class's manager. */
    static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }
}
