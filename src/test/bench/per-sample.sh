#!/usr/bin/env bash
# Benchmark: per-sample gradients, sgd-lab (DJL, PyTorch engine) against PyTorch 1.13, one thread
# each side, the same jobs on the same machine in the same run, sides interleaved per job.
# Needs Debian's python3-torch (/usr/bin/python3). Usage, from the repository root:
#   bash src/test/bench/per-sample.sh [repeat]
# Prints one line per job and side: min and median ms of the timed runs, after 5 warm-up runs.
set -euo pipefail
REPEAT="${1:-30}"
mvn -q package -DskipTests
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
JAVA=(java -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1
      -jar target/sgd-lab.jar bench per-sample --threads 1 --json)
PY=(/usr/bin/python3 src/test/bench/per_sample_torch.py)
echo "# $(uname -srm), $(nproc) cores, $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# java: $(java -version 2>&1 | head -1); torch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
run() { # label, command...
  local label="$1"; shift
  printf '%-48s %s\n' "$label" "$("$@" | tail -1)"
}
for n in 1000000; do
  run "sgd-lab linear vectorized n=$n" "${JAVA[@]}" --model linear --samples $n --strategy vectorized --repeat "$REPEAT"
  for m in expanded expanded_weights vmap_grad; do
    run "torch linear $m n=$n" "${PY[@]}" linear $n $m 1,1 "$REPEAT"
  done
done
run "sgd-lab mlp 20-64-10 vectorized n=1024" "${JAVA[@]}" --model mlp --layers 20,64,10 --samples 1024 --repeat "$REPEAT"
run "sgd-lab mlp 20-64-10 loop n=1024" "${JAVA[@]}" --model mlp --layers 20,64,10 --samples 1024 --strategy loop --repeat 5
for m in expanded_weights vmap_grad; do
  run "torch mlp 20-64-10 $m n=1024" "${PY[@]}" mlp 1024 $m 20,64,10 "$REPEAT"
done
run "torch mlp 20-64-10 loop n=1024" "${PY[@]}" mlp 1024 loop 20,64,10 5
run "sgd-lab mlp 784-128-10 vectorized n=256" "${JAVA[@]}" --model mlp --layers 784,128,10 --samples 256 --repeat "$REPEAT"
for m in expanded_weights vmap_grad; do
  run "torch mlp 784-128-10 $m n=256" "${PY[@]}" mlp 256 $m 784,128,10 "$REPEAT"
done
