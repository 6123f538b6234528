package io.github.sgdlab.privacy;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The Gaussian noise DP-SGD adds, drawn on the JVM so that a seed reproduces it bit for bit on any
 * machine (libtorch's generator is global to the process and differs between builds).
 *
 * <p>Seeded and unseeded noise come from {@code L64X128MixRandom} (a specified algorithm, so a
 * seed gives the same numbers on every JDK; its {@code nextGaussian} is a fast ziggurat). Secure
 * noise comes from a {@link SecureRandom} (NIST DRBG) and follows Opacus's {@code _generate_noise}
 * secure path: one draw thrown away, then each coordinate the sum of four draws of
 * {@code N(0, std²)} divided by two, which has the same distribution but hides the low bits of any
 * single draw that floating-point attacks (Mironov 2012; Jin et al. 2021) read.
 */
final class GaussianNoise {

    private static final String ALGORITHM = "L64X128MixRandom";

    private final RandomGenerator random;
    private final boolean secure;

    private GaussianNoise(RandomGenerator random, boolean secure) {
        this.random = random;
        this.secure = secure;
    }

    /** Reproducible noise: the same seed gives the same numbers. */
    static GaussianNoise seeded(long seed) {
        return new GaussianNoise(RandomGeneratorFactory.of(ALGORITHM).create(seed), false);
    }

    /** Fast noise seeded from the system's entropy. */
    static GaussianNoise unseeded() {
        return new GaussianNoise(RandomGeneratorFactory.of(ALGORITHM).create(), false);
    }

    /** Noise from a cryptographically secure generator, with Opacus's defence. */
    static GaussianNoise secure() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        return new GaussianNoise(random, true);
    }

    /** Whether this is the secure generator. */
    boolean isSecure() {
        return secure;
    }

    /**
     * Fills {@code out} with independent draws of {@code N(0, std²)}.
     *
     * @param out the coordinates to fill
     * @param std the standard deviation
     */
    void fill(double[] out, double std) {
        if (secure) {
            random.nextGaussian(); // thrown away, as Opacus's secure path does
            for (int i = 0; i < out.length; i++) {
                double sum = std * random.nextGaussian();
                sum += std * random.nextGaussian();
                sum += std * random.nextGaussian();
                sum += std * random.nextGaussian();
                out[i] = sum / 2;
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = std * random.nextGaussian();
            }
        }
    }
}
