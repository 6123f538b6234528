package io.github.sgdlab.data;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The natural logarithm that numpy's {@code legacy_gauss} calls: the C library's {@code log}.
 *
 * <p>numpy's normals go through the platform's {@code log} (glibc's on Linux), which is not
 * correctly rounded and so differs from {@link Math#log} in the last bit for a few inputs in ten
 * thousand; a one-ulp difference there can become two ulps in the normal. Calling the very same
 * C function (through JNA's direct mapping) makes the normals bit-exact on the platform numpy runs
 * on. Where the C library cannot be bound, or the system property {@code sgdlab.log=java} asks for
 * it, {@link Math#log} stands in.
 */
final class CLibraryLog {

    /** Set to {@code java} to use {@link Math#log} instead of the C library's. */
    static final String PROPERTY = "sgdlab.log";

    private static final boolean NATIVE = bind();

    private CLibraryLog() {}

    private static boolean bind() {
        if ("java".equals(System.getProperty(PROPERTY))) {
            return false;
        }
        try {
            Native.register(CLibraryLog.class, NativeLibrary.getInstance(Platform.MATH_LIBRARY_NAME));
            return Math.abs(log(Math.E) - 1.0) < 1e-15;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** The C library's {@code double log(double)}, bound by {@link Native#register}. */
    private static native double log(double x);

    /**
     * The natural logarithm numpy would compute.
     *
     * @param x a positive value
     * @return ln x
     */
    static double ln(double x) {
        return NATIVE ? log(x) : Math.log(x);
    }
}
