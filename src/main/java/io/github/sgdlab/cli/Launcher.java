package io.github.sgdlab.cli;

/**
 * The entry point of {@code java -jar sgd-lab.jar}: the one place where the process is certainly
 * sgd-lab's own, so it may end it fast.
 *
 * <p>It refers to nothing but the JDK until it calls into the command line, so that a jar whose
 * {@code lib/} folder is missing or incomplete still starts and says so in one line (exit code 3)
 * instead of the JVM's stack trace.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * Runs the command line and ends the process with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code;
        try {
            code = SgdLab.run(args);
        } catch (LinkageError e) {
            // A class of a dependency is missing or broken: the jar's lib/ folder is not complete.
            System.err.println("sgd-lab: cannot start: " + e
                    + " (the jar needs its lib/ folder beside it, as 'mvn package' leaves it)");
            code = SgdLab.INTERNAL_ERROR;
        }
        exit(code);
    }

    /** Ends the process fast where the C library's {@code _exit} can be bound, else normally. */
    static void exit(int code) {
        System.out.flush();
        System.err.flush();
        try {
            ProcessExit.now(code);
        } catch (LinkageError e) {
            // JNA itself is missing from lib/.
        }
        System.exit(code);
    }
}
