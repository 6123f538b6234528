package io.github.sgdlab.cli;

import io.github.sgdlab.benchmark.PerSampleBenchmark.Model;

/** Reads {@code linear} or {@code mlp}: the models {@code bench per-sample} times. */
final class BenchModels extends LowerCaseChoice<Model> {

    BenchModels() {
        super("model", Model.LINEAR, Model.MLP);
    }
}
