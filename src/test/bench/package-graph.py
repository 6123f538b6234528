#!/usr/bin/env python3
"""The package import graph and lines per package of sgd-lab, measured from the sources.

Reads every .java file under ROOT (default: src/main/java/io/github/sgdlab and, for the lines
table, src/test/java/io/github/sgdlab), and counts for each package:
  - its files, all lines, and code lines (not blank, not only a comment);
  - the other project packages it uses: an `import io.github.sgdlab.P...` or a fully qualified
    `io.github.sgdlab.P.Name` in code (comments and strings are stripped first, so a Javadoc
    {@link} to another package is not an arrow), with the number of files that use it.
Prints Markdown tables, and writes the graph as Graphviz dot (one node per package, coloured by
ring, an arrow from user to used labelled with the file count, red where it points outward). Plain Python 3, no packages.

Usage, from the repository root:
  python3 src/test/bench/package-graph.py [--dot FILE] [--src DIR] [--tests DIR]
  dot -Tsvg FILE -o graph.svg   (Graphviz)
"""
import argparse
import os
import re
import sys
from collections import defaultdict

BASE = "io.github.sgdlab"
RINGS = {  # /work/shared/DESIGN.md's rings; a package not listed is "other"
    "library": ["autograd", "persample", "check", "privacy", "files"],
    "lab": ["data", "linear", "reference", "grad", "descent", "notebook", "benchmark"],
    "application": ["output", "chart", "cli"],
}
COLOURS = {"library": "#cfe8cf", "lab": "#cfdcf0", "application": "#f3dcc4", "other": "#eeeeee"}

COMMENT_OR_STRING = re.compile(
    r'//[^\n]*|/\*.*?\*/|"""(?:.|\n)*?"""|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
USE = re.compile(re.escape(BASE) + r"\.([a-z_][a-z0-9_]*)")
PACKAGE = re.compile(r"^\s*package\s+" + re.escape(BASE) + r"(?:\.([a-z0-9_.]+))?\s*;", re.M)


def ring(package):
    top = package.split(".")[0]
    for name, members in RINGS.items():
        if top in members:
            return name
    return "other"


def code_lines(text):
    """Lines that hold code once comments are removed (string contents count as code)."""
    stripped = COMMENT_OR_STRING.sub(lambda m: "s" if m.group(0)[0] in "\"'" else
                                     "\n" * m.group(0).count("\n"), text)
    return sum(1 for line in stripped.split("\n") if line.strip())


def scan(root):
    """Per package: files, lines, code lines, and {used package: files using it}."""
    stats = defaultdict(lambda: {"files": 0, "lines": 0, "code": 0, "uses": defaultdict(int)})
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if not name.endswith(".java"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            declared = PACKAGE.search(text)
            package = (declared.group(1) or "(root)") if declared else "(none)"
            top = package.split(".")[0]
            s = stats[top]
            s["files"] += 1
            s["lines"] += text.count("\n")
            s["code"] += code_lines(text)
            code = COMMENT_OR_STRING.sub(" ", text)
            code = PACKAGE.sub(" ", code)
            for used in sorted(set(USE.findall(code))):
                if used != top:
                    s["uses"][used] += 1
    return stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", default="src/main/java/" + BASE.replace(".", "/"))
    parser.add_argument("--tests", default="src/test/java/" + BASE.replace(".", "/"))
    parser.add_argument("--dot", help="write the import graph as Graphviz dot to this file")
    args = parser.parse_args()
    main_stats = scan(args.src)
    test_stats = scan(args.tests) if os.path.isdir(args.tests) else {}
    packages = sorted(main_stats, key=lambda p: (list(RINGS).index(ring(p)) if ring(p) in RINGS
                                                  else 9, p))

    print("| package | ring | main files | main lines | main code lines | test files | test lines |")
    print("|---|---|---:|---:|---:|---:|---:|")
    total = [0, 0, 0, 0, 0]
    for p in packages:
        m, t = main_stats[p], test_stats.get(p, {"files": 0, "lines": 0})
        row = [m["files"], m["lines"], m["code"], t["files"], t["lines"]]
        total = [a + b for a, b in zip(total, row)]
        print(f"| `{p}` | {ring(p)} | " + " | ".join(str(v) for v in row) + " |")
    others = sorted(set(test_stats) - set(main_stats))
    for p in others:  # test-only packages
        t = test_stats[p]
        total[3] += t["files"]
        total[4] += t["lines"]
        print(f"| `{p}` (tests only) | — | 0 | 0 | 0 | {t['files']} | {t['lines']} |")
    print("| **all** | | " + " | ".join(f"**{v}**" for v in total) + " |")
    print()
    print("| package | uses (files that use it) |")
    print("|---|---|")
    edges = 0
    for p in packages:
        uses = main_stats[p]["uses"]
        edges += len(uses)
        text = ", ".join(f"`{u}` ({n})" for u, n in sorted(uses.items())) or "—"
        print(f"| `{p}` | {text} |")
    print()
    inward = {"library": 0, "lab": 1, "application": 2, "other": 3}
    backward = [(p, u) for p in packages for u in main_stats[p]["uses"]
                if inward[ring(u)] > inward[ring(p)]]
    print(f"{len(packages)} packages, {edges} package-to-package arrows; "
          f"arrows from an inner ring to an outer one: "
          + (", ".join(f"`{p}` → `{u}`" for p, u in backward) or "none"))

    if args.dot:
        with open(args.dot, "w", encoding="utf-8") as f:
            f.write("// Generated by src/test/bench/package-graph.py; do not edit.\n")
            f.write("digraph packages {\n  rankdir=BT;\n  node [shape=box, style=\"rounded,filled\", "
                    "fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10, "
                    "color=\"#555555\"];\n")
            for r in list(RINGS) + ["other"]:
                members = [p for p in packages if ring(p) == r]
                if not members:
                    continue
                f.write(f"  subgraph cluster_{r} {{\n    label=\"{r}\"; style=dashed; "
                        f"fontname=\"Helvetica\";\n")
                for p in members:
                    m = main_stats[p]
                    f.write(f"    \"{p}\" [label=\"{p}\\n{m['code']} code lines\", "
                            f"fillcolor=\"{COLOURS[r]}\"];\n")
                f.write("  }\n")
            for p in packages:
                for u, n in sorted(main_stats[p]["uses"].items()):
                    outward = ", color=\"#c0392b\", fontcolor=\"#c0392b\", penwidth=2" \
                        if (p, u) in backward else ""
                    f.write(f"  \"{p}\" -> \"{u}\" [label=\"{n}\"{outward}];\n")
            f.write("}\n")


if __name__ == "__main__":
    sys.exit(main())
