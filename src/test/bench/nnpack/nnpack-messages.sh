#!/usr/bin/env bash
# Counts libtorch's "Could not initialize NNPACK!" lines on stderr for a per-sample LOOP on a small
# CNN (one Conv2d), on simulated unsupported hardware (unsupported_nnpack.c, preloaded), without and
# with NnpackSwitch (what the command line does after loading the engine). Needs gcc.
# Usage, from the repository root: bash src/test/bench/nnpack/nnpack-messages.sh [samples]
set -euo pipefail
samples=${1:-5}
mvn -q -o test-compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/nnpack-cp.txt > /dev/null
gcc -shared -fPIC -o target/unsupported_nnpack.so src/test/bench/nnpack/unsupported_nnpack.c
cp="target/test-classes:target/classes:$(cat target/nnpack-cp.txt)"
run() {
  java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" \
    io.github.sgdlab.cli.NnpackMessages "$samples" "$@" 2>&1 | grep -c "Could not initialize NNPACK" || true
}
echo "supported hardware, LOOP:                 $(run LOOP)"
export LD_PRELOAD=$PWD/target/unsupported_nnpack.so
echo "unsupported, LOOP:                        $(run LOOP)"
echo "unsupported, VECTORIZED:                  $(run VECTORIZED)"
echo "unsupported, LOOP, TORCH_CPP_LOG_LEVEL=ERROR: $(TORCH_CPP_LOG_LEVEL=ERROR run LOOP)"
echo "unsupported, LOOP, NnpackSwitch:          $(run LOOP switch)"
