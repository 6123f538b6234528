#!/usr/bin/env bash
# Benchmark: per-sample gradients of a small CNN (two Conv2d, Linear; 1x28x28 inputs, float32),
# VECTORIZED against LOOP, one libtorch thread. Usage, from the repository root:
#   bash src/test/bench/per-sample-conv.sh [samples] [repeats]
set -euo pipefail
mvn -q package -DskipTests
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "target/test-classes:target/sgd-lab.jar:target/lib/*" \
  io.github.sgdlab.bench.ConvolutionTiming "${1:-256}" "${2:-5}"
