package io.github.sgdlab.privacy;

/**
 * What an RDP accountant reports: the ε spent at the δ asked for, and the Rényi order at which
 * the conversion to (ε, δ)-DP was tightest.
 *
 * @param epsilon the privacy spent, ε (infinite when no order gives a finite bound)
 * @param bestOrder the order α that gave it (NaN when none did)
 */
public record PrivacySpent(double epsilon, double bestOrder) {}
