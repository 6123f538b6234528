package io.github.sgdlab.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The privacy accountants' warnings (Opacus's "Optimal order is the largest alpha…") as one
 * {@code sgd-lab: warning: …} line on stderr, instead of java.util.logging's two lines with a
 * timestamp: every command that accounts ({@code privacy}, {@code descend --method dp-sgd})
 * runs its accounting through here.
 */
final class AccountantWarnings {

    /** Held strongly: java.util.logging keeps loggers weakly, and a handler on a collected one is lost. */
    private static final Logger PRIVACY_LOGGER = Logger.getLogger("io.github.sgdlab.privacy");

    private AccountantWarnings() {}

    /**
     * Work that may throw a checked exception.
     *
     * @param <T> what it returns
     * @param <E> what it may throw
     */
    interface Body<T, E extends Exception> {
        /**
         * Does the work.
         *
         * @return its result
         * @throws E when the work fails
         */
        T get() throws E;
    }

    /**
     * Runs {@code body} with the accountants' warnings written to {@code err}, one line each.
     *
     * @param err where the warnings go
     * @param body the work
     * @param <T> what the work returns
     * @param <E> what the work may throw
     * @return the work's result
     * @throws E when the work fails
     */
    static <T, E extends Exception> T onStderr(PrintWriter err, Body<T, E> body) throws E {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                err.println("sgd-lab: warning: " + record.getMessage());
                err.flush();
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {}
        };
        synchronized (PRIVACY_LOGGER) {
            boolean parents = PRIVACY_LOGGER.getUseParentHandlers();
            PRIVACY_LOGGER.setUseParentHandlers(false);
            PRIVACY_LOGGER.addHandler(handler);
            try {
                return body.get();
            } finally {
                PRIVACY_LOGGER.removeHandler(handler);
                PRIVACY_LOGGER.setUseParentHandlers(parents);
            }
        }
    }
}
