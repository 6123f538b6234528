#!/usr/bin/env bash
# Benchmark: share of our normals equal to numpy's, with the C library's log and with Math.log.
# Usage, from the repository root: bash src/test/bench/normal-share.sh [count] [seed]
set -euo pipefail
count=${1:-1000000}
seed=${2:-2026}
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
python3 -c "import numpy as np, sys; np.random.seed($seed); np.random.randn($count).tofile(sys.argv[1])" "$raw"
mvn -q test-compile
cp=target/classes:target/test-classes:$(ls ~/.m2/repository/net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar)
java -cp "$cp" io.github.sgdlab.bench.NormalShare "$raw" "$seed"
java -Dsgdlab.log=java -cp "$cp" io.github.sgdlab.bench.NormalShare "$raw" "$seed"
