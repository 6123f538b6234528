#!/usr/bin/env python3
"""Summarises src/test/bench/privacy.sh's output directory: the in-process timings of every
round (java-R.txt, opacus-R.txt, load-R.txt) and the whole-command timings (hyperfine's
cli-*.json) as Markdown tables. Usage: privacy_table.py DIR"""
import glob
import json
import os
import re
import statistics
import sys

LINE = re.compile(r"^(java|opacus) (.*): wall (\S+) (\S+) cpu (\S+) (\S+) ms \((\w+) (\S+)\)$")


def key(what):
    words = what.split()
    params = tuple(float(v) for _, v in re.findall(r"(\w+)=(\S+)", what))
    return (words[0], words[1]) + params


def read(path):
    rows = {}
    with open(path) as f:
        for line in f:
            m = LINE.match(line.strip())
            if m:
                side, what, wmin, wmed, cmin, cmed, _, value = m.groups()
                rows[key(what)] = (what, float(wmin), float(wmed), float(cmin), float(cmed),
                                   float(value))
    return rows


def label(k, what):
    mech, kind = k[0], k[1]
    if kind == "epsilon":
        s, q, t, d = k[2:]
        return f"{mech.upper()} ε (σ {s:g}, q {q:.4g}, T {t:g}, δ {d:g})"
    e, d, q, t = k[2:]
    return f"noise, {mech.upper()} (ε {e:g}, δ {d:g}, q {q:.4g}, T {t:g})"


def main():
    out = sys.argv[1]
    rounds = sorted(int(re.search(r"java-(\d+)", p).group(1))
                    for p in glob.glob(os.path.join(out, "java-*.txt")))
    java = {r: read(os.path.join(out, f"java-{r}.txt")) for r in rounds}
    opacus = {r: read(os.path.join(out, f"opacus-{r}.txt")) for r in rounds}
    for r in rounds:
        load = os.path.join(out, f"load-{r}.txt")
        if os.path.exists(load):
            print(f"round {r}: " + " | ".join(l.strip() for l in open(load)))
    print()
    print("| setting | Java wall min / med | Opacus wall min / med | Java CPU min / med "
          "| Opacus CPU min / med | Java/Opacus: CPU min, wall min, worst round wall med |")
    print("|---|---|---|---|---|---|")
    for k in java[rounds[0]]:
        if not all(k in java[r] and k in opacus[r] for r in rounds):
            continue
        js = [java[r][k] for r in rounds]
        os_ = [opacus[r][k] for r in rounds]
        jw = min(x[1] for x in js)
        ow = min(x[1] for x in os_)
        jwm = statistics.median(x[2] for x in js)
        owm = statistics.median(x[2] for x in os_)
        jc = min(x[3] for x in js)
        oc = min(x[3] for x in os_)
        jcm = statistics.median(x[4] for x in js)
        ocm = statistics.median(x[4] for x in os_)
        worst = max(j[2] / o[2] for j, o in zip(js, os_))
        print(f"| {label(k, js[0][0])} | {jw:.1f} / {jwm:.1f} | {ow:.1f} / {owm:.1f} "
              f"| {jc:.1f} / {jcm:.1f} | {oc:.1f} / {ocm:.1f} "
              f"| {jc / oc:.2f}, {jw / ow:.2f}, {worst:.2f} |")
        rel = max(abs(j[5] - o[5]) / abs(o[5]) for j, o in zip(js, os_))
        if rel > 1e-6 and k[1] == "epsilon":
            print(f"<!-- {label(k, js[0][0])}: results differ by {rel:.2e} relative -->")
    cli = sorted(glob.glob(os.path.join(out, "cli-*.json")))
    if cli:
        print()
        print("| whole command | runs | wall min (s) | wall median (s) | CPU mean, user + sys (s) |")
        print("|---|---|---|---|---|")
        merged = {}
        for path in cli:
            for result in json.load(open(path))["results"]:
                times, cpu = merged.setdefault(result["command"], ([], []))
                times.extend(result["times"])
                cpu.extend([result["user"] + result["system"]] * len(result["times"]))
        for command, (times, cpu) in merged.items():
            print(f"| `{command}` | {len(times)} | {min(times):.3f} | "
                  f"{statistics.median(times):.3f} | {statistics.mean(cpu):.3f} |")


if __name__ == "__main__":
    main()
