package io.github.sgdlab.cli;

import ai.djl.engine.EngineException;

/**
 * Turns whatever a command threw, other than bad input, into the one line the user reads:
 * the real cause, named in words, never a stack trace.
 */
final class Failures {

    private Failures() {}

    /**
     * The one-line message for a failure.
     *
     * @param failure what was thrown
     * @return e.g. {@code cannot load the PyTorch engine: ...}
     */
    static String describe(Throwable failure) {
        if (isEngineFailure(failure)) {
            Throwable warmUp = EngineWarmUp.failure();
            Throwable cause = warmUp != null ? warmUp : failure;
            return "cannot load the PyTorch engine: " + rootMessage(cause);
        }
        if (failure instanceof OutOfMemoryAdvice) {
            return "out of memory (" + failure.getMessage() + "); "
                    + ((OutOfMemoryAdvice) failure).remedy();
        }
        if (failure instanceof OutOfMemoryError) {
            return "out of memory (" + failure.getMessage()
                    + "); give the JVM more with -Xmx or use fewer samples";
        }
        return rootMessage(failure);
    }

    /**
     * Whether the failure comes from loading the engine: the warm-up's attempt failed, or the
     * failure or one of its causes was thrown while DJL looked up or started an engine. Not any
     * {@link EngineException}: DJL throws those for failed native operations too.
     */
    private static boolean isEngineFailure(Throwable failure) {
        if (EngineWarmUp.failure() != null) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsatisfiedLinkError || t instanceof ExceptionInInitializerError) {
                return true;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                String type = frame.getClassName();
                if (type.equals("ai.djl.engine.Engine") && frame.getMethodName().startsWith("get")
                        || type.endsWith("EngineProvider") || type.endsWith(".LibUtils")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The innermost cause's class and message, the part that says what really went wrong. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = message == null || message.isBlank()
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + message;
        if (root != failure && failure.getMessage() != null
                && !failure.getMessage().equals(message)
                && !(failure instanceof ExceptionInInitializerError)) {
            text = failure.getMessage() + " (" + text + ")";
        }
        return text;
    }
}
