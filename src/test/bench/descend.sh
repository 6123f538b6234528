#!/usr/bin/env bash
# Benchmark: `descend --method sgd --lr 0.01 --runs 100` (notebook data), process start to exit,
# against numpy running the same 100 runs on the same machine, one thread on each side.
#   - descend_numpy_plain.py: the straightforward numpy version (theta as an array,
#     np.linalg.norm), the issue's baseline;
#   - descent_numpy.py: the golden-value implementation, which keeps theta in Python floats and is
#     faster, shown for comparison.
# All must report the same mean iteration count (2085.84), which the script checks.
# Needs hyperfine. Usage, from the repository root: bash src/test/bench/descend.sh [runs]
set -euo pipefail
repeats=${1:-10}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
mvn -q package -DskipTests
java='java -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -jar target/sgd-lab.jar descend --method sgd --lr 0.01 --runs 100 --quiet'
# The same jar with the JVM told to skip its optimising compiler and use the serial collector:
# on a busy two-core machine the C2 compiler's threads cost about a second of CPU here.
javac1="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${java#java }"
plain='python3 src/test/bench/descend_numpy_plain.py --method sgd --lr 0.01 --runs 100'
scalar='python3 src/test/python/descent_numpy.py --method sgd --lr 0.01 --runs 100'
# Same answers first (and DJL's one-time copy of libtorch into its cache is not timed).
$java | grep -F 'mean iterations 2085.84,'
$javac1 | grep -F 'mean iterations 2085.84,'
$plain | grep -F 'mean iterations 2085.84,'
$scalar | grep -F 'mean iterations 2085.84,'
hyperfine --warmup 1 --runs "$repeats" --export-json target/descend.json \
  --command-name 'descend (DJL, 100 runs batched)' "$java" \
  --command-name 'descend, JVM with C1 only, serial GC' "$javac1" \
  --command-name 'numpy, straightforward' "$plain" \
  --command-name 'numpy, theta as Python floats' "$scalar"
python3 - <<'PY'
import json, statistics
r = json.load(open("target/descend.json"))["results"]
for x in r:
    t = x["times"]
    print(f'{x["command"]:34s} min {min(t):.3f} s  median {statistics.median(t):.3f} s  '
          f'mean user+sys CPU {x["user"] + x["system"]:.3f} s')
for j in r[:2]:
    for x in r[2:]:
        print(f'{j["command"]} / {x["command"]}: min {min(j["times"]) / min(x["times"]):.2f}, '
              f'median {statistics.median(j["times"]) / statistics.median(x["times"]):.2f}')
PY
# The same descent in-process, repeated: the cost of one batched step without start-up.
mvn -q test-compile
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "target/test-classes:target/sgd-lab.jar:target/lib/*" io.github.sgdlab.bench.DescentSteps 8
