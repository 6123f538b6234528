#!/usr/bin/env bash
# Benchmark behind AUTO's choice (issue 18): PerSample's LOOP against VECTORIZED, time and peak
# RSS, each (model, n, strategy) in its own process under /usr/bin/time -v, one thread
# (-Dai.djl.pytorch.num_threads=1, OMP_NUM_THREADS=1), the strategies interleaved (LOOP,
# VECTORIZED, AUTO for each case, ROUNDS times), float32, softmax cross-entropy. Models
# (persample/StrategyModels): issue 18's CNN, MLP 784-128-10, MLP 784-1024-1024-10 (n = 256 and
# 1024: its per-sample gradients alone are 1.9 and 7.6 GB), a LayerNorm MLP and an embedding model.
# AUTO's line also names the strategy it ran and its plan (estimated bytes and costs).
# Usage, from the repository root, after `mvn -B -q -o test-compile` (or without SKIP_BUILD;
# CP overrides the class path, e.g. a copy of target/ so that a build cannot change it mid-run):
#   bash src/test/bench/per-sample-auto.sh [rounds] [cases...]
# A case is MODEL:N:REPEATS, e.g. cnn:256:3.
set -euo pipefail
ROUNDS="${1:-2}"; shift || true
CASES=("$@")
if [ ${#CASES[@]} -eq 0 ]; then
  CASES=(cnn:256:3 mlp-784-128-10:256:10 mlp-784-1024-1024-10:256:3 mlp-784-1024-1024-10:1024:2
         layernorm:256:10 embedding:256:5)
fi
[ -n "${SKIP_BUILD:-}" ] || { mvn -q -o package -DskipTests; mvn -q -o test-compile; }
CP="${CP:-target/test-classes:target/classes:target/lib/*}"
echo "# $(uname -srm), $(nproc) cores, $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(java -version 2>&1 | head -1)"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
for round in $(seq "$ROUNDS"); do
  for case in "${CASES[@]}"; do
    IFS=: read -r model n repeats <<<"$case"
    for strategy in LOOP VECTORIZED AUTO; do
      /usr/bin/time -v java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
        -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
        -cp "$CP" \
        io.github.sgdlab.bench.StrategyTiming "$model" "$n" "$strategy" "$repeats" 1 2>&1 \
        | awk -v r="$round" '/Maximum resident/ {rss=$NF} !/^\t/ {line=$0} END {printf "round %s  %s  peak %d kB\n", r, line, rss}'
    done
  done
done
echo "# end $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
