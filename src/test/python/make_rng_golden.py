#!/usr/bin/env python3
"""Writes src/test/resources/golden/rng-numpy.json: what real numpy's legacy RandomState draws.

Run from the repository root with a python3 that has numpy:

    python3 src/test/python/make_rng_golden.py

The JUnit tests read the file this writes; they need no Python themselves. Floats are written
with repr(), which round-trips, so the Java side can compare bits exactly.
"""
import json
import pathlib

import numpy as np

SEEDS = [0, 1, 45, 2024, 123456789, 2**32 - 1]
# Odd sizes leave a cached normal behind; 312 and 313 cross the 624-word state refill in uniform.
SIZES = [1, 2, 7, 40, 311, 312, 313, 999]
OUT = pathlib.Path("src/test/resources/golden/rng-numpy.json")


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


if __name__ == "__main__":
    main()
