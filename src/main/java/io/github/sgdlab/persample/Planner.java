package io.github.sgdlab.persample;

/**
 * AUTO's decision, from a {@link Footprint} and the batch size: the bytes each strategy needs
 * beyond the per-sample gradients, VECTORIZED's chunk of samples, and a time estimate of each.
 *
 * <p>The memory rule: VECTORIZED may hold {@link #SLACK} bytes more than LOOP's one-sample pass
 * does; it takes as many samples per pass as fit in that (all of them if they do without
 * chunking, since the gradients are then the result itself; otherwise each chunk's gradients are
 * held too, until they are copied into the result). Where not even one sample fits, VECTORIZED is
 * memory-hungrier and AUTO takes LOOP.
 *
 * <p>The time model, in microseconds, is an estimate made before anything runs, its constants
 * fitted by hand to {@code src/test/bench/per-sample-auto.sh} on the development VM (one thread;
 * the figures are in {@code src/test/bench/README.md}), so it ranks the strategies rather than
 * predicting times. Both compute about three times the forward pass's multiply-adds (forward,
 * backward to the inputs, the weights' gradients) and write n·P gradient elements. LOOP pays a
 * fixed cost per sample and per block per sample (a collector, a backward pass, a few native
 * calls each), runs its products at the one-sample rate and copies each sample's gradients into
 * the result. VECTORIZED pays a fixed cost per chunk and per block per chunk, runs its products
 * at a rate that rises with the chunk's size, adds its own work (unfolding, one-hot products,
 * a layer norm's x̂), writes the gradients once, and copies them again where the batch is
 * split. At n = 1 it does what LOOP does and more, so LOOP wins there.
 */
final class Planner {

    /**
     * How many bytes more than LOOP's working set VECTORIZED may hold, at least: 16 MiB, about
     * the spread of the peak RSS of one benchmark process run twice (src/test/bench/README.md).
     */
    static final long SLACK = 16L << 20;

    /**
     * The share of the result that VECTORIZED may hold beyond LOOP's working set, where that is
     * more than {@link #SLACK}: 1/64. Without it, a model whose per-sample gradients are large
     * against its activations (an MLP of 1024-wide layers) would be split into chunks of a few
     * samples, each chunk's gradients copied, to save a fraction of a percent of the peak.
     */
    static final long SHARE_OF_RESULT = 64;

    /** LOOP: microseconds per sample (gate, collector, scope, result rows). */
    static final double LOOP_SAMPLE_US = 150;
    /** LOOP: microseconds per block per sample (its forward and backward native calls). */
    static final double LOOP_BLOCK_US = 40;
    /** Multiply-adds per microsecond of one-sample products (LOOP, and a chunk of one). */
    static final double ONE_SAMPLE_MACS_PER_US = 2000;
    /** Multiply-adds per microsecond of products over many samples (VECTORIZED). */
    static final double BATCHED_MACS_PER_US = 8000;
    /** The chunk size at which VECTORIZED's products get half of the batched rate's gain. */
    static final double HALF_GAIN_SAMPLES = 4;
    /** VECTORIZED: microseconds per chunk. */
    static final double VECTORIZED_CHUNK_US = 300;
    /** VECTORIZED: microseconds per block per chunk. */
    static final double VECTORIZED_BLOCK_US = 80;
    /** Elements per microsecond written by VECTORIZED's per-sample products into the result. */
    static final double WRITE_PER_US = 400;
    /** Elements per microsecond of a copy into the result (LOOP's rows, VECTORIZED's chunks). */
    static final double COPY_PER_US = 200;

    private Planner() {}

    /**
     * The multiply-add rate of products over a chunk of samples: the one-sample rate for one,
     * rising towards the batched rate as the chunk grows.
     *
     * @param chunk the samples one pass takes
     * @return multiply-adds per microsecond
     */
    static double rate(int chunk) {
        double more = chunk - 1.0;
        return ONE_SAMPLE_MACS_PER_US + (BATCHED_MACS_PER_US - ONE_SAMPLE_MACS_PER_US)
                * more / (more + HALF_GAIN_SAMPLES);
    }

    /**
     * How many bytes more than LOOP's working set VECTORIZED may hold for a result of this
     * size.
     *
     * @param result the per-sample gradients' bytes
     * @return {@link #SLACK} or 1/{@link #SHARE_OF_RESULT} of the result, whichever is more
     */
    static long slack(long result) {
        return Math.max(SLACK, result / SHARE_OF_RESULT);
    }

    /**
     * Plans one call.
     *
     * @param footprint one sample's footprint
     * @param samples n
     * @param gradients P, one sample's trainable gradient elements
     * @param bytes bytes per element
     * @param vectorizable whether VECTORIZED serves the block
     * @param configured the builder's strategy
     * @return the plan
     */
    static PerSample.Plan plan(Footprint footprint, int samples, long gradients, int bytes,
            boolean vectorizable, Strategy configured) {
        long result = samples * gradients * bytes;
        long loopExtra = (footprint.loopWork() + gradients) * bytes;
        double loopUs = samples * (LOOP_SAMPLE_US + LOOP_BLOCK_US * footprint.blocks()
                + 3.0 * footprint.macs() / ONE_SAMPLE_MACS_PER_US + gradients / COPY_PER_US);
        if (!vectorizable) {
            return new PerSample.Plan(Strategy.LOOP, samples, result, result + loopExtra, -1,
                    0, loopUs / 1000, Double.NaN);
        }
        long budget = loopExtra + slack(result);
        long perSample = (footprint.vectorizedWork() + gradients) * bytes;
        // A chunk holds its gradients too, until they are copied into the result.
        long fits = Math.max(1, budget / Math.max(1, perSample));
        long whole = samples * footprint.vectorizedWork() * bytes;
        int chunk;
        long vectorizedExtra;
        // Unsplit while the whole batch needs no more than a full chunk would: within the budget,
        // and the estimate never falls as n grows past the point where the batch is split.
        if (whole <= fits * perSample) {
            chunk = samples;
            vectorizedExtra = whole;
        } else {
            chunk = (int) Math.min(samples, fits);
            vectorizedExtra = chunk * perSample;
        }
        long chunks = (samples + chunk - 1) / chunk;
        double vectorizedUs = chunks * (VECTORIZED_CHUNK_US
                + VECTORIZED_BLOCK_US * footprint.blocks())
                + samples * (3.0 * footprint.macs() + footprint.vectorizedExtra()) / rate(chunk)
                + samples * (double) gradients / WRITE_PER_US
                + (chunk < samples ? samples * (double) gradients / COPY_PER_US : 0);
        Strategy chosen = switch (configured) {
            case LOOP -> Strategy.LOOP;
            case VECTORIZED -> Strategy.VECTORIZED;
            case AUTO -> vectorizedExtra <= budget && vectorizedUs <= loopUs
                    ? Strategy.VECTORIZED : Strategy.LOOP;
        };
        return new PerSample.Plan(chosen, samples, result, result + loopExtra,
                result + vectorizedExtra, chunk, loopUs / 1000, vectorizedUs / 1000);
    }
}
