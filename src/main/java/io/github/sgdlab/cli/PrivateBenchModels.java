package io.github.sgdlab.cli;

import io.github.sgdlab.benchmark.PrivateStepBenchmark.Model;

/** Reads {@code mlp} or {@code cnn}: the models {@code bench private} times. */
final class PrivateBenchModels extends LowerCaseChoice<Model> {

    PrivateBenchModels() {
        super("model", Model.MLP, Model.CNN);
    }
}
