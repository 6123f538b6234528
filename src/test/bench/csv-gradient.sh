#!/usr/bin/env bash
# Benchmark: `gradient --data` on a 10^7-row, 3-feature CSV file (about 780 MB), process start to
# exit: wall time and peak resident memory from /usr/bin/time -v, several runs, min and median;
# then the same work in Python (pandas + PyTorch + numpy, csv_gradient_baseline.py) on the same
# file in the same run. One thread on each side.
# Needs GNU time and a python3 with numpy (and pandas and torch for the baseline; Debian:
# apt-get install time python3-pandas python3-torch).
# Usage, from the repository root: bash src/test/bench/csv-gradient.sh [ROWS] [RUNS] [python3]
set -euo pipefail
rows=${1:-10000000}
runs=${2:-3}
python=${3:-/usr/bin/python3}
file=target/bench-$rows.csv
mvn -q package -DskipTests
[ -f "$file" ] || "$python" src/test/bench/make_csv.py "$rows" "$file"
echo "machine: $(nproc --all) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); file: $file, $(du -mL "$file" | cut -f1) MB"
export OMP_NUM_THREADS=1
measure() {  # label, command...: one line per run, then min and median
  local label=$1; shift
  local walls=() rss=()
  for i in $(seq "$runs"); do
    echo "  load average before run $i: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -v "$@" > target/bench-out.txt 2> target/bench-time.txt
    local wall kb
    wall=$(awk -F': ' '/Elapsed/ {n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s}' target/bench-time.txt)
    kb=$(awk -F': ' '/Maximum resident/ {print $2}' target/bench-time.txt)
    user=$(awk -F': ' '/User time/ {print $2}' target/bench-time.txt)
    echo "  $label run $i: wall ${wall} s, user ${user} s, peak RSS $((kb / 1024)) MiB"
    walls+=("$wall"); rss+=("$kb")
  done
  printf '%s\n' "${walls[@]}" | sort -g | awk -v l="$label" '{a[NR] = $1} END {printf "%s: wall min %.2f s, median %.2f s\n", l, a[1], a[int((NR + 1) / 2)]}'
  printf '%s\n' "${rss[@]}" | sort -g | awk -v l="$label" '{a[NR] = $1} END {printf "%s: peak RSS min %d MiB, max %d MiB\n", l, a[1] / 1024, a[NR] / 1024}'
}
# One run first, so DJL's one-time copy of libtorch into its cache is not timed.
java -jar target/sgd-lab.jar > /dev/null
measure "java gradient --data" java -Dai.djl.pytorch.num_threads=1 -jar target/sgd-lab.jar gradient --data "$file"
head -12 target/bench-out.txt
if "$python" -c 'import pandas, torch' 2> /dev/null; then
  measure "python pandas+torch+numpy" "$python" src/test/bench/csv_gradient_baseline.py "$file"
  cat target/bench-out.txt
else
  echo "no pandas/torch for $python: Python baseline skipped"
fi
