package io.github.sgdlab;

import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every test that runs the PyTorch engine. It gives the test class one manager,
 * {@link #manager}, open before the class's own {@code @BeforeAll} methods and closed after its
 * {@code @AfterAll} methods, and {@link #newManager()} for a test that wants a base manager of its
 * own (in try-with-resources).
 *
 * <p>It also checks that nothing is left behind in the engine: every base manager, and every array
 * made on no manager of a test's, hangs on the engine's system manager until it is closed. After
 * each test, any resource the system manager holds that it did not hold before the test fails the
 * test (a manager, a {@code Model} or a {@code Trainer}'s manager left open, by the test or by the
 * code it calls); after the class, the same for what its {@code @BeforeAll} methods opened. What a
 * test puts on {@link #manager} is the class's own and is freed when the class ends. The check
 * compares the system manager's resource ids, so it costs one map copy a test and does not depend
 * on the garbage collector.
 */
public abstract class EngineTest {

    /** The engine every test runs on. */
    protected static final String ENGINE = "PyTorch";

    /** The class's manager: open for all its tests, closed after the last. */
    protected static NDManager manager;

    private static Set<String> beforeClass;
    /** What a test of the class already failed on, so the class does not fail on it again. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
    private Set<String> beforeTest;

    /**
     * A base manager of the test's own, which the test must close.
     *
     * @return a new base manager on {@link #ENGINE}
     */
    protected static NDManager newManager() {
        return NDManager.newBaseManager(ENGINE);
    }

    /**
     * A full garbage collection, and time for the reference handler to run the direct buffers'
     * cleaners: what frees a buffer DJL gave up on while a graph still needs it.
     */
    protected static void collectGarbage() {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @BeforeAll
    static void openEngineManager() {
        manager = newManager();
        beforeClass = heldByEngine();
    }

    @AfterAll
    static void closeEngineManager() {
        manager.close();
        assertNothingLeft(beforeClass, "the class");
    }

    @BeforeEach
    void recordEngine() {
        beforeTest = heldByEngine();
    }

    @AfterEach
    void checkEngine() {
        assertNothingLeft(beforeTest, "the test");
    }

    /** The ids of what the engine's system manager holds now: base managers and loose arrays. */
    private static Set<String> heldByEngine() {
        return Set.copyOf(resources(system()).keySet());
    }

    private static void assertNothingLeft(Set<String> before, String who) {
        List<String> left = new ArrayList<>();
        for (Map.Entry<String, AutoCloseable> e : resources(system()).entrySet()) {
            if (!before.contains(e.getKey()) && REPORTED.add(e.getKey())) {
                left.add(describe(e.getValue()));
            }
        }
        if (!left.isEmpty()) {
            fail(who + " left " + left.size() + " resource(s) open in the engine: " + left);
        }
    }

    private static String describe(AutoCloseable resource) {
        if (resource instanceof NDManager m) {
            return "manager " + m.getName() + " holding " + m.getManagedArrays().size()
                    + " array(s)";
        }
        if (resource instanceof NDArray a) {
            return "array " + a.getShape() + " " + a.getDataType();
        }
        return resource.getClass().getName();
    }

    private static NDManager system() {
        return manager.getParentManager();
    }

    /**
     * What a manager holds: DJL keeps it in a protected map and offers only the arrays, not the
     * managers, through its public API.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, AutoCloseable> resources(NDManager of) {
        try {
            Field field = BaseNDManager.class.getDeclaredField("resources");
            field.setAccessible(true);
            return (Map<String, AutoCloseable>) field.get(of);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DJL's BaseNDManager no longer has its resources map",
                    e);
        }
    }
}
