#!/usr/bin/env bash
# Benchmark: the whole `gradient --samples N` process against the same job in Python
# (src/test/bench/gradient_job.py: numpy data, torch batch autograd, torch expanded-parameter
# per-sample gradients, numpy closed forms), one thread each, runs interleaved, wall time and
# peak RSS from /usr/bin/time -v. Needs Debian's python3-torch (/usr/bin/python3).
# Usage, from the repository root: bash src/test/bench/gradient-process.sh [samples] [runs]
set -euo pipefail
N="${1:-1000000}"; RUNS="${2:-5}"
mvn -q package -DskipTests
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
echo "# $(uname -srm), $(nproc) cores, $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() { # label, command... -> "label seconds KiB"
  local label="$1"; shift
  local log; log="$(mktemp)"
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local wall rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
          for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
  rm -f "$log"
  echo "$label $wall $rss"
}
{
  for run in $(seq "$RUNS"); do
    measure java java -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
      -jar target/sgd-lab.jar gradient --samples "$N"
    measure python /usr/bin/python3 src/test/bench/gradient_job.py "$N"
  done
} | /usr/bin/python3 -c '
import statistics, sys
runs = {}
for line in sys.stdin:
    side, wall, rss = line.split()
    runs.setdefault(side, []).append((float(wall), int(rss)))
for side, values in runs.items():
    walls = [w for w, _ in values]
    print("%-7s n=%s runs=%d  min %.2f s  median %.2f s  peak RSS %.0f MiB" % (side, sys.argv[1],
          len(walls), min(walls), statistics.median(walls), max(r for _, r in values) / 1024))
' "$N"
