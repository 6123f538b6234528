#!/usr/bin/env bash
# Benchmark: one DP-SGD step (forward, per-sample gradients, clipping, noise, SGD update) of an
# MLP 784-128-10 on n float32 samples: sgd-lab's `bench private` (materialised and ghost clipping,
# each beside DJL's plain step in the same process), then Opacus 1.4.0's DPOptimizer step and
# PyTorch's plain step, one thread each side, the same run. Needs Debian's python3-torch and
# Opacus 1.4.0 with the opt_einsum stand-in (commands in src/test/python/dp_sgd_golden.py; OPACUS
# defaults to /tmp/opacus140, STUB to /tmp/opacus_stub). Usage, from the repository root:
#   bash src/test/bench/private-step.sh [samples] [repeats]
set -euo pipefail
mvn -q package -DskipTests
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
lab() {
  java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -jar target/sgd-lab.jar "$@"
}
lab bench private --layers 784,128,10 --samples "${1:-256}" --repeat "${2:-20}" --threads 1
lab bench private --layers 784,128,10 --samples "${1:-256}" --repeat "${2:-20}" --threads 1 --ghost
PYTHONPATH="${OPACUS:-/tmp/opacus140}:${STUB:-/tmp/opacus_stub}" \
  /usr/bin/python3 src/test/bench/private_step_opacus.py "${1:-256}" "${2:-20}"
# Ghost clipping's peak memory on MLP 784-1024-1024-10, n = 1024 (materialised per-sample
# gradients alone would need 7.6 GB): the ghost step and DJL's plain step only, under time -v.
/usr/bin/time -v java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -jar target/sgd-lab.jar bench private --layers 784,1024,1024,10 --samples 1024 --repeat 5 \
  --threads 1 --ghost 2>&1 | grep -E "private|Maximum resident"
