#!/usr/bin/env bash
# Benchmark: the privacy accountants (io.github.sgdlab.privacy) against Opacus's on the same
# machine, one thread each side (OMP_NUM_THREADS=1 and friends; java -XX:ActiveProcessorCount=1).
#  1. In-process: every PRV ε, RDP ε and noise search of bench/PrivacyTiming.java and
#     bench/privacy_opacus.py (the same settings), one warm-up call then RUNS timed calls, each
#     by the wall clock and by the process's CPU time (all threads, both sides). The two
#     programs alternate, java opacus java opacus …, ROUNDS times, `/proc/loadavg` noted before
#     each, since the machine is shared and its load moves both sides.
#  2. Whole command: `java -jar target/sgd-lab.jar privacy …` (JVM start, cold JIT and the
#     call) against `python3 bench/privacy_opacus_cli.py …` (interpreter start, imports and
#     the call), by hyperfine, the two alternating, CLI_ROUNDS times.
# Then bench/privacy_table.py prints the tables (src/test/bench/README.md keeps them).
# Needs Opacus's accountants importable: set OPACUS_PATH to a directory holding an `opacus`
# package made as src/test/python/privacy_golden.py's header says (default /tmp/privop).
# Usage, from the repository root: [ROUNDS=2] [CLI_ROUNDS=2] bash src/test/bench/privacy.sh [runs] [python3]
set -euo pipefail
runs=${1:-5}
python=${2:-/usr/bin/python3}
opacus=${OPACUS_PATH:-/tmp/privop}
rounds=${ROUNDS:-2}
cli_rounds=${CLI_ROUNDS:-2}
out=target/privacy-bench
mvn -q package -DskipTests
mvn -q test-compile
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
rm -rf "$out" && mkdir -p "$out"
java_cmd=(java -Dai.djl.pytorch.num_threads=1 -XX:ActiveProcessorCount=1)
for r in $(seq 1 "$rounds"); do
  echo "java $(date -u +%H:%M:%S) $(cat /proc/loadavg)" > "$out/load-$r.txt"
  "${java_cmd[@]}" -cp "target/test-classes:target/sgd-lab.jar:target/lib/*" \
    io.github.sgdlab.bench.PrivacyTiming "$runs" | tee "$out/java-$r.txt"
  echo "opacus $(date -u +%H:%M:%S) $(cat /proc/loadavg)" >> "$out/load-$r.txt"
  PYTHONPATH="$opacus" "$python" src/test/bench/privacy_opacus.py "$runs" | tee "$out/opacus-$r.txt"
done
if [ "$cli_rounds" -gt 0 ]; then
  for r in $(seq 1 "$cli_rounds"); do
    for side in java opacus; do
      if [ $side = java ]; then
        eps="${java_cmd[*]} -jar target/sgd-lab.jar privacy epsilon --noise-multiplier 1.5 --sample-rate 0.04 --steps 2250 --delta 1e-5"
        noise="${java_cmd[*]} -jar target/sgd-lab.jar privacy noise --epsilon 8 --delta 1e-5 --sample-rate 0.04 --steps 2000 --accountant prv"
      else
        eps="PYTHONPATH=$opacus $python src/test/bench/privacy_opacus_cli.py epsilon 1.5 0.04 2250 1e-5"
        noise="PYTHONPATH=$opacus $python src/test/bench/privacy_opacus_cli.py noise 8 1e-5 0.04 2000"
      fi
      hyperfine --warmup 1 --runs 3 --export-json "$out/cli-$r-$side.json" "$eps" "$noise"
    done
  done
fi
"$python" src/test/bench/privacy_table.py "$out"
