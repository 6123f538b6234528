package io.github.sgdlab.check;

import java.lang.reflect.Constructor;

/**
 * Makes the exceptions the assertions throw, from opentest4j when it is on the class path (found by
 * reflection, so JUnit is never a dependency of this library): {@code AssertionFailedError} with
 * expected and actual values, which IDEs show as a diff, and {@code TestAbortedException} for a
 * snapshot that was written rather than compared. Without opentest4j, a plain
 * {@link AssertionError}.
 */
final class Failures {

    private static final String ASSERTION_FAILED = "org.opentest4j.AssertionFailedError";
    private static final String TEST_ABORTED = "org.opentest4j.TestAbortedException";

    private Failures() {}

    /**
     * An assertion failure with expected and actual values.
     *
     * @param message what failed
     * @param expected the expected value, as the IDE should show it
     * @param actual the actual value
     * @return opentest4j's {@code AssertionFailedError} if it can be loaded, else an
     *     {@link AssertionError}
     */
    static AssertionError assertionFailed(String message, Object expected, Object actual) {
        return assertionFailed(message, expected, actual, Failures.class.getClassLoader());
    }

    /** As {@link #assertionFailed(String, Object, Object)}, looking in the given class loader. */
    static AssertionError assertionFailed(String message, Object expected, Object actual,
            ClassLoader loader) {
        Object error = construct(ASSERTION_FAILED, loader,
                new Class<?>[] {String.class, Object.class, Object.class},
                message, expected, actual);
        return error instanceof AssertionError ? (AssertionError) error : new AssertionError(message);
    }

    /**
     * Throws the report that a test wrote a golden file instead of comparing with it:
     * opentest4j's {@code TestAbortedException} (JUnit shows the test as aborted, neither passed
     * nor failed) if it can be loaded, else an {@link AssertionError}.
     *
     * @param message what was written
     * @param loader where to look for opentest4j
     * @return never returns; declared so callers can write {@code throw aborted(...)}
     */
    static Error aborted(String message, ClassLoader loader) {
        Object aborted = construct(TEST_ABORTED, loader, new Class<?>[] {String.class}, message);
        if (aborted instanceof RuntimeException) {
            throw (RuntimeException) aborted;
        }
        throw new AssertionError(message);
    }

    private static Object construct(String className, ClassLoader loader, Class<?>[] types,
            Object... arguments) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            Constructor<?> constructor = type.getConstructor(types);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException | LinkageError e) {
            // Not on the class path (or not usable): the caller falls back to AssertionError.
            return null;
        }
    }
}
