#!/usr/bin/env bash
# Benchmark: the whole `notebook` run, process start to exit, against python3 running the seed
# notebook (src/test/resources/seed/notebook.py) on the same machine.
# Needs hyperfine and a python3 with numpy and torch (Debian: apt-get install hyperfine python3-torch).
# Usage, from the repository root: bash src/test/bench/startup.sh [python3]
set -euo pipefail
python=${1:-/usr/bin/python3}
mvn -q package -DskipTests
# One run first, so DJL's one-time copy of libtorch into its cache is not timed.
java -jar target/sgd-lab.jar > /dev/null
hyperfine --warmup 3 --runs 20 --export-json target/startup.json \
  --command-name 'java -jar target/sgd-lab.jar' 'java -jar target/sgd-lab.jar' \
  --command-name "$python notebook.py" "$python src/test/resources/seed/notebook.py"
python3 - <<'PY'
import json
r = json.load(open("target/startup.json"))["results"]
java, py = r[0]["mean"], r[1]["mean"]
print(f"java {java:.3f} s, python {py:.3f} s, ratio {java / py:.2f}")
PY
