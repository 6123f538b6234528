package io.github.sgdlab.bench;

import io.github.sgdlab.data.RandomState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark, not a test: what share of our normals equal numpy's bit for bit, and how far the
 * others lie, on a large sample numpy wrote as raw little-endian float64.
 *
 * <p>Run by {@code src/test/bench/normal-share.sh}; arguments: the file, the seed it was drawn
 * with.
 */
public final class NormalShare {

    private NormalShare() {}

    /**
     * Compares and prints one line of counts.
     *
     * @param args the raw file and the seed
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        DoubleBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(Path.of(args[0])))
                .order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        double[] numpy = new double[buffer.remaining()];
        buffer.get(numpy);
        long start = System.nanoTime();
        double[] ours = new RandomState(Long.parseLong(args[1])).randn(numpy.length);
        long nanos = System.nanoTime() - start;
        long exact = 0;
        long oneUlp = 0;
        long more = 0;
        for (int i = 0; i < numpy.length; i++) {
            long ulps = Math.abs(Double.doubleToLongBits(numpy[i]) - Double.doubleToLongBits(ours[i]));
            if (ulps == 0) {
                exact++;
            } else if (ulps == 1) {
                oneUlp++;
            } else {
                more++;
            }
        }
        System.out.printf("log=%s normals=%d bit-exact=%d (%.4f%%) 1-ulp=%d more=%d time=%.0f ms%n",
                System.getProperty("sgdlab.log", "c-library"), numpy.length, exact,
                100.0 * exact / numpy.length, oneUlp, more, nanos / 1e6);
    }
}
