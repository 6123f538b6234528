#!/usr/bin/env bash
# Benchmark of issue 18's "How good" targets: one DP-SGD step (forward, per-sample gradients or
# ghost norms, clipping, noise, SGD update), σ = 1, C = 1, expected batch n, float32, one thread
# each side: sgd-lab's own command, `bench private --threads 1 --json` (PrivacyEngine's step,
# materialised or --ghost, and DJL's plain step of the same model in the same process: its JSON's
# min_ms / median_ms and non_private_min_ms / non_private_median_ms), against Opacus 1.4.0's
# DPOptimizer step (hooks) and PyTorch's plain step (private_step_opacus.py), in the same run,
# the two sides interleaved (A B A B, ROUNDS times) so that a loaded machine weighs on both alike.
# Four parts:
#   1. MLP 784-128-10, n samples: step times (materialised, then --ghost);
#   2. the CNN conv(1→32, 3×3) → conv(32→64, 3×3, s 2) → conv(64→64, 3×3, s 2) → linear(→10) on
#      28×28 inputs, n samples: step times;
#   3. the same CNN's DP step alone in a process of its own on each side (bench private
#      --private-only; Opacus's "private"): peak RSS (time -v);
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
djl() { # bench private's options; prints its two steps as lines like the Opacus side's
  java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -jar target/sgd-lab.jar bench private --threads 1 --json "$@" | /usr/bin/python3 -c '
import json, sys
r = json.loads(sys.stdin.readline())
name = "cnn" if r["model"] == "cnn" else "mlp " + "-".join(map(str, r["layers"]))
dp = "private, ghost" if r["ghost"] else "private"
for what, lo, mid in (("non-private (EasyTrain)", r.get("non_private_min_ms"), r.get("non_private_median_ms")),
                      (dp, r["min_ms"], r["median_ms"])):
    if lo is not None:
            print("djl  %s n=%d %-26s min %8.2f ms  median %8.2f ms (%d)" % (name, r["samples"], what, lo, mid, r["repeat"]))'
}
opacus() {
  PYTHONPATH="${OPACUS:-/tmp/opacus140}:${STUB:-/tmp/opacus_stub}" \
    /usr/bin/python3 -W ignore src/test/bench/private_step_opacus.py "$@"
}
rss() { grep -E "^(djl|torch)|Maximum resident"; }
echo "# $(uname -srm), $(nproc) cores, $(date -u +%FT%TZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  echo "## round $round: MLP 784-128-10"
  djl --layers 784,128,10 --samples "$N" --repeat "$R"
  djl --layers 784,128,10 --samples "$N" --repeat "$R" --ghost
  opacus "$N" "$R" 784,128,10 all
done
for round in $(seq "$ROUNDS"); do
  echo "## round $round: CNN"
  djl --model cnn --samples "$N" --repeat "$((R / 4 + 1))"
  opacus "$N" "$((R / 4 + 1))" cnn all
done
for round in $(seq "$ROUNDS"); do
  echo "## round $round: CNN private step alone, peak RSS"
  /usr/bin/time -v bash -c "$(declare -f djl); djl --model cnn --samples $N --repeat 3 --private-only" 2>&1 | rss
  /usr/bin/time -v bash -c "$(declare -f opacus); opacus $N 3 cnn private" 2>&1 | rss
done
for round in $(seq "$ROUNDS"); do
  echo "## round $round: MLP 784-1024-1024-10, n = 1024, ghost clipping"
  djl --layers 784,1024,1024,10 --samples 1024 --repeat 5 --ghost
  /usr/bin/time -v bash -c "$(declare -f djl); djl --layers 784,1024,1024,10 --samples 1024 --repeat 5 --ghost --private-only" 2>&1 | rss
done
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
