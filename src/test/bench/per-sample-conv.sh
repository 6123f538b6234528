#!/usr/bin/env bash
# Benchmark: per-sample gradients of a small CNN (two Conv2d, Linear; 1x28x28 inputs, float32),
# sgd-lab's VECTORIZED and LOOP against PyTorch 1.13's ExpandedWeights, vmap(grad) and loop on
# the same CNN, with each side's plain batch gradient for scale; one thread each side, the same
# run. Needs Debian's python3-torch (/usr/bin/python3). Usage, from the repository root:
#   bash src/test/bench/per-sample-conv.sh [samples] [repeats]
set -euo pipefail
mvn -q package -DskipTests
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "target/test-classes:target/sgd-lab.jar:target/lib/*" \
  io.github.sgdlab.bench.ConvolutionTiming "${1:-256}" "${2:-5}"
/usr/bin/python3 src/test/bench/per_sample_conv_torch.py "${1:-256}" "${2:-5}"
