package io.github.sgdlab.privacy;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.SplittableRandom;

/**
 * Poisson sampling for DP-SGD, Opacus's {@code UniformWithReplacementSampler}: an epoch is
 * {@code ⌊1/q⌋} batches, and each sample joins each batch independently with probability q, so a
 * batch's size is Binomial(N, q) and may be zero. The privacy analysis of the subsampled Gaussian
 * mechanism assumes exactly this; shuffled fixed-size batches would not match it.
 *
 * <pre>{@code
 * ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(y)
 *         .setSampling(new PoissonSampler(0.01, 42)).build();
 * }</pre>
 *
 * <p>An empty batch is still a step: {@link PrivacyEngine#step} gives it a noise-only gradient and
 * accounts for it, as Opacus does. Successive epochs continue one random stream, so one seed fixes
 * every epoch's batches.
 */
public final class PoissonSampler implements Sampler {

    private final double sampleRate;
    private final SplittableRandom random;
    private volatile int expectedBatchSize = 1;

    /**
     * Creates the sampler.
     *
     * @param sampleRate q, each sample's probability of joining a batch, in (0, 1]
     * @param seed the seed of the draws
     * @throws IllegalArgumentException if q is outside (0, 1]
     */
    public PoissonSampler(double sampleRate, long seed) {
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException(
                    "sample rate must be in (0, 1], got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.random = new SplittableRandom(seed);
    }

    /**
     * The sample rate q.
     *
     * @return q
     */
    public double getSampleRate() {
        return sampleRate;
    }

    /**
     * The number of batches in an epoch, {@code ⌊1/q⌋} as Opacus's {@code int(1 / sample_rate)}.
     *
     * @return batches per epoch
     */
    public int batchesPerEpoch() {
        return (int) (1 / sampleRate);
    }

    /** {@inheritDoc} */
    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        long size = dataset.size();
        expectedBatchSize = (int) Math.max(1, Math.round(size * sampleRate));
        int batches = batchesPerEpoch();
        return new Iterator<>() {
            // Atomic: the draw synchronises on the shared generator, and the count must not
            // be a plain field mutated beside it (an iterator is still for one thread).
            private final AtomicInteger left = new AtomicInteger(batches);

            @Override
            public boolean hasNext() {
                return left.get() > 0;
            }

            @Override
            public List<Long> next() {
                if (left.getAndUpdate(k -> Math.max(0, k - 1)) <= 0) {
                    throw new NoSuchElementException();
                }
                List<Long> indices = new ArrayList<>();
                synchronized (random) {
                    for (long i = 0; i < size; i++) {
                        if (random.nextDouble() < sampleRate) {
                            indices.add(i);
                        }
                    }
                }
                return indices;
            }
        };
    }

    /**
     * The expected batch size {@code round(q·N)} of the data set last sampled (1 before any):
     * batches vary in size; this is only what DJL's progress reporting reads.
     *
     * @return the expected batch size
     */
    @Override
    public int getBatchSize() {
        return expectedBatchSize;
    }
}
