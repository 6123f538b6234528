#!/usr/bin/env bash
# Benchmark: the largest ratio |autograd - reference| / tolerance the cross-check sees over random
# seeds, theta and n up to 10^7 in float32 and float64, and mutation checks (negated, halved,
# doubled, shifted batch gradients must fail) at every size. libtorch runs with its default
# threads, as the command line does, so the threaded reduction is exercised too.
# Usage, from the repository root: bash src/test/bench/cross-check-sweep.sh [cases per size] [largest n for the per-sample loop]
set -euo pipefail
mvn -q package -DskipTests
mvn -q test-compile
java -Xmx8g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "target/test-classes:target/sgd-lab.jar:target/lib/*" \
  io.github.sgdlab.bench.CrossCheckSweep "${1:-5}" "${2:-100000}"
