/**
 * Privacy accounting for differentially private SGD, equal to Opacus's: the Rényi-DP accountant
 * ({@link io.github.sgdlab.privacy.RdpAccountant}), the privacy-random-variable accountant
 * ({@link io.github.sgdlab.privacy.PrvAccountant}), both behind
 * {@link io.github.sgdlab.privacy.PrivacyAccountant}, and the search for the noise a target ε
 * calls for ({@link io.github.sgdlab.privacy.NoiseMultiplier}). Pure mathematics on the JDK.
 */
package io.github.sgdlab.privacy;
