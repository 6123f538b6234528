#!/usr/bin/env bash
# Benchmark: the `check` command, process start to exit (hyperfine), and GradCheck on the MLP in
# full and fast mode in-process, against torch.autograd.gradcheck on the same-sized MLP; one
# thread on each side. Needs hyperfine and a python3 with torch (Debian: python3-torch).
# Usage, from the repository root: bash src/test/bench/gradcheck.sh [python3]
set -euo pipefail
python=${1:-/usr/bin/python3}
mvn -q package -DskipTests
mvn -q test-compile
export OMP_NUM_THREADS=1
java -jar target/sgd-lab.jar check > /dev/null
hyperfine --warmup 2 --runs 10 \
  --command-name 'check' 'java -Dai.djl.pytorch.num_threads=1 -jar target/sgd-lab.jar check' \
  --command-name 'check --fast' 'java -Dai.djl.pytorch.num_threads=1 -jar target/sgd-lab.jar check --fast'
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "target/test-classes:target/sgd-lab.jar:target/lib/*" io.github.sgdlab.bench.GradCheckTiming 30
"$python" src/test/bench/gradcheck_torch.py 30
