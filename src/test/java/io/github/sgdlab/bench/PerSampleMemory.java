package io.github.sgdlab.bench;

import ai.djl.ndarray.NDManager;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: the process's resident memory while the DJL per-sample loop runs over
 * many samples, sampled every 250 ms from a second thread. Flat means no native leak per step.
 *
 * <p>Run by {@code src/test/bench/per-sample-memory.sh}; argument: the number of samples.
 */
public final class PerSampleMemory {

    private PerSampleMemory() {}

    /**
     * Runs the loop and prints the resident set size over time.
     *
     * @param args the number of samples (default 100000)
     * @throws Exception if sampling fails
     */
    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        FeatureData data = LinearData.generate(1, samples).features();
        List<long[]> trace = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            AutogradGradients autograd = AutogradGradients.builder(manager).build();
            autograd.perSample(LinearData.generate(2, 1000).features(), Theta.zeros(1)); // warm up
            long start = System.nanoTime();
            Thread sampler = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        trace.add(new long[] {(System.nanoTime() - start) / 1_000_000, rssKiB()});
                        Thread.sleep(250);
                    }
                } catch (InterruptedException | IOException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sampler.start();
            PerSampleGradients gradients = autograd.perSample(data, Theta.of(1, 2));
            long millis = (System.nanoTime() - start) / 1_000_000;
            sampler.interrupt();
            sampler.join();
            System.out.printf("samples=%d time=%d ms (%.1f us/sample) arrays-left=%d%n", gradients.size(),
                    millis, 1000.0 * millis / samples, manager.getManagedArrays().size());
        }
        for (long[] point : trace) {
            System.out.printf("t=%6d ms  rss=%7.1f MiB%n", point[0], point[1] / 1024.0);
        }
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
