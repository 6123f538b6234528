package io.github.sgdlab.cli;

import io.github.sgdlab.persample.Strategy;

/** Reads {@code loop} or {@code vectorized}: the per-sample strategies a user picks by name. */
final class PerSampleStrategies extends LowerCaseChoice<Strategy> {

    PerSampleStrategies() {
        super("strategy", Strategy.LOOP, Strategy.VECTORIZED);
    }
}
