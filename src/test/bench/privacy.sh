#!/usr/bin/env bash
# Benchmark: the privacy accountants (io.github.sgdlab.privacy) against Opacus's, in-process,
# same settings, one thread each side; each PRV epsilon, each RDP epsilon, each noise search.
# Needs Opacus's accountants importable: set OPACUS_PATH to a directory holding an `opacus`
# package made as src/test/python/privacy_golden.py's header says (default /tmp/privop).
# Usage, from the repository root: bash src/test/bench/privacy.sh [runs] [python3]
set -euo pipefail
runs=${1:-5}
python=${2:-/usr/bin/python3}
opacus=${OPACUS_PATH:-/tmp/privop}
mvn -q package -DskipTests
mvn -q test-compile
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
java -Dai.djl.pytorch.num_threads=1 -XX:ActiveProcessorCount=1 \
  -cp "target/test-classes:target/sgd-lab.jar:target/lib/*" io.github.sgdlab.bench.PrivacyTiming "$runs"
PYTHONPATH="$opacus" "$python" src/test/bench/privacy_opacus.py "$runs"
