#!/usr/bin/env bash
# Benchmark of issue 18's "How good" targets: one DP-SGD step (forward, per-sample gradients or
# ghost norms, clipping, noise, SGD update), σ = 1, C = 1, expected batch n, float32, one thread
# each side: sgd-lab's PrivacyEngine (materialised and ghost clipping) and DJL's plain step
# (PrivateStepTiming), against Opacus 1.4.0's DPOptimizer step (hooks) and PyTorch's plain step
# (private_step_opacus.py), in the same run, the two sides interleaved (A B A B, ROUNDS times) so
# that a loaded machine weighs on both alike. Four parts:
#   1. MLP 784-128-10, n samples: step times;
#   2. the CNN conv(1→32, 3×3) → conv(32→64, 3×3, s 2) → conv(64→64, 3×3, s 2) → linear(→10) on
#      28×28 inputs, n samples: step times;
#   3. the same CNN's private step alone in its own process on each side: peak RSS (time -v);
#   4. MLP 784-1024-1024-10, n = 1024, ghost clipping (materialised per-sample gradients alone
#      would need 7.6 GB): the ghost step beside DJL's plain step, and the ghost step alone under
#      time -v for its peak RSS.
# Needs Debian's python3-torch and Opacus 1.4.0 with the opt_einsum stand-in (commands in
# src/test/python/dp_sgd_golden.py; OPACUS defaults to /tmp/opacus140, STUB to /tmp/opacus_stub).
# Usage, from the repository root:
#   bash src/test/bench/private-step.sh [samples] [repeats] [rounds]
set -euo pipefail
N="${1:-256}" R="${2:-20}" ROUNDS="${3:-2}"
[ -n "${SKIP_BUILD:-}" ] || mvn -q package -DskipTests
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
djl() {
  java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "target/test-classes:target/classes:target/lib/*" \
    io.github.sgdlab.bench.PrivateStepTiming "$@"
}
opacus() {
  PYTHONPATH="${OPACUS:-/tmp/opacus140}:${STUB:-/tmp/opacus_stub}" \
    /usr/bin/python3 -W ignore src/test/bench/private_step_opacus.py "$@"
}
rss() { grep -E "^(djl|torch)|Maximum resident"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  echo "## round $round: MLP 784-128-10"
  djl "$N" "$R" 784,128,10 all
  opacus "$N" "$R" 784,128,10 all
done
for round in $(seq "$ROUNDS"); do
  echo "## round $round: CNN"
  djl "$N" "$((R / 4 + 1))" cnn plain,private
  opacus "$N" "$((R / 4 + 1))" cnn all
done
for round in $(seq "$ROUNDS"); do
  echo "## round $round: CNN private step, peak RSS"
  /usr/bin/time -v bash -c "$(declare -f djl); djl $N 3 cnn private" 2>&1 | rss
  /usr/bin/time -v bash -c "$(declare -f opacus); opacus $N 3 cnn private" 2>&1 | rss
done
for round in $(seq "$ROUNDS"); do
  echo "## round $round: MLP 784-1024-1024-10, n = 1024, ghost clipping"
  djl 1024 5 784,1024,1024,10 plain,ghost
  /usr/bin/time -v bash -c "$(declare -f djl); djl 1024 5 784,1024,1024,10 ghost" 2>&1 | rss
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
