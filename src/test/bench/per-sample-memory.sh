#!/usr/bin/env bash
# Benchmark: resident memory of the DJL per-sample loop over many samples (Linux: /proc).
# Usage, from the repository root: bash src/test/bench/per-sample-memory.sh [samples]
set -euo pipefail
mvn -q package -DskipTests
mvn -q test-compile
# A small fixed heap, so heap growth cannot hide or mimic native growth.
java -Xmx64m -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "target/test-classes:target/sgd-lab.jar:target/lib/*" \
  io.github.sgdlab.bench.PerSampleMemory "${1:-100000}"
