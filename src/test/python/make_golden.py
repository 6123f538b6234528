#!/usr/bin/env python3
"""Writes the golden files the JUnit tests compare against, from real numpy and real Python:

- src/test/resources/golden/rng-numpy.json: what numpy's legacy RandomState draws;
- src/test/resources/golden/format-python.json: what Python's f"{x:.4f}" prints.

Run from the repository root with a python3 that has numpy:

    python3 src/test/python/make_golden.py

The tests need no Python themselves. Floats are written with repr(), which round-trips, so the
Java side can compare bits exactly.
"""
import json
import pathlib
import sys

import numpy as np

SEEDS = [0, 1, 45, 2024, 123456789, 2**32 - 1]
# Odd sizes leave a cached normal behind; 312 and 313 cross the 624-word state refill in uniform.
SIZES = [1, 2, 7, 40, 311, 312, 313, 999]
OUT = pathlib.Path("src/test/resources/golden/rng-numpy.json")
FORMAT_OUT = pathlib.Path("src/test/resources/golden/format-python.json")


def notebook_cases():
    """x1 = uniform(-1, 1, n) then eps = randn(n), as the notebook draws them."""
    cases = []
    for seed in SEEDS:
        for n in SIZES:
            np.random.seed(seed)
            x1 = np.random.uniform(-1, 1, n)
            eps = np.random.randn(n)
            cases.append({"seed": seed, "samples": n,
                          "x1": x1.tolist(), "eps": eps.tolist()})
    return cases


def uniform_cases():
    """uniform with bounds other than the notebook's, including low > high as numpy allows."""
    cases = []
    for seed, low, high, n in [(7, 2.5, 7.0, 25), (8, -1e3, 1e-3, 9), (9, 1.0, -1.0, 5)]:
        np.random.seed(seed)
        cases.append({"seed": seed, "low": low, "high": high,
                      "values": np.random.uniform(low, high, n).tolist()})
    return cases


def split_randn_cases():
    """randn(3) then randn(4): the second call must start with the normal the first one cached."""
    cases = []
    for seed in [3, 45]:
        np.random.seed(seed)
        first = np.random.randn(3)
        second = np.random.randn(4)
        cases.append({"seed": seed, "first": first.tolist(), "second": second.tolist()})
    return cases


def many_normals():
    """A larger sample of normals, to check every one lies within 1 ulp of numpy's."""
    cases = []
    for seed in [11, 12]:
        np.random.seed(seed)
        cases.append({"seed": seed, "values": np.random.randn(10000).tolist()})
    return cases


def format_cases():
    """Python's f"{x:.4f}" on ties, signed zeros, tiny negatives and values of every magnitude."""
    values = [0.0, -0.0, 0.125, -0.125, 0.00005, -0.00005, 0.00015, 0.00025, 0.00035, -0.00001,
              1.00005, 0.99995, 2.5, -7.44705, 16.68155, 123456.78905, 1e16, 1e22, -1e-10,
              0.5, 1.5, 5e-324, 1.7976931348623157e308]
    rng = np.random.RandomState(4)
    values += (rng.standard_normal(300) * 10.0 ** rng.randint(-6, 7, 300)).tolist()
    # Values exactly on a 5th-decimal tie in binary, where half-even and half-up part ways.
    values += [k / 2**15 for k in range(-40, 41)]
    return [{"x": v, "text": f"{v:.4f}"} for v in values]


def main():
    golden = {
        "generator": f"numpy {np.__version__} legacy RandomState",
        "notebook": notebook_cases(),
        "uniform": uniform_cases(),
        "split_randn": split_randn_cases(),
        "many_normals": many_normals(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(golden) + "\n")
    print(f"wrote {OUT}")
    FORMAT_OUT.write_text(json.dumps({"python": sys.version.split()[0],
                                      "cases": format_cases()}) + "\n")
    print(f"wrote {FORMAT_OUT}")


if __name__ == "__main__":
    main()
