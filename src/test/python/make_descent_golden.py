#!/usr/bin/env python3
"""Writes src/test/resources/golden/descent-numpy.json, the descent lab's golden values, from
real numpy:

- permutations: numpy's legacy RandomState(seed).permutation(n), three calls in a row, for
  several seeds and sizes;
- descents: outcome, iteration and epoch counts and final theta of every run of several
  configurations (every method, with and without momentum, both data sets, diverging and
  non-converging ones), computed by descent_numpy.py, a numpy implementation independent of the
  Java code.

Run from the repository root:

    python3 src/test/python/make_descent_golden.py

Floats are written with repr(), which round-trips.
"""
import json
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from descent_numpy import dataset, descend, theta_star  # noqa: E402

OUT = pathlib.Path("src/test/resources/golden/descent-numpy.json")

PERMUTATION_SEEDS = [0, 1, 45, 2024, 123456789, 2**32 - 1]
# 0 and 1 draw nothing; 2 and 3 hit the smallest masks; 257 and 1000 need rejection; 5000 spans
# several state refills.
PERMUTATION_SIZES = [0, 1, 2, 3, 40, 257, 1000]
# One larger case per seed would bloat the file; one seed spans several state refills instead.
LARGE = (2024, 5000)

# (name, dataset, method, batch, lr, momentum, runs, shuffle_seed, max_epochs, theta0, theta1)
DESCENTS = [
    ("notebook full", "notebook", "full", 8, 0.1, 0.0, 1, 0, 10000, 0.0, 0.0),
    ("notebook full momentum", "notebook", "full", 8, 0.1, 0.9, 1, 0, 10000, 0.0, 0.0),
    ("notebook full from (10, -5)", "notebook", "full", 8, 0.1, 0.0, 1, 0, 10000, 10.0, -5.0),
    ("notebook sgd", "notebook", "sgd", 8, 0.01, 0.0, 4, 0, 10000, 0.0, 0.0),
    ("notebook sgd momentum", "notebook", "sgd", 8, 0.003, 0.9, 3, 7, 10000, 0.0, 0.0),
    ("notebook minibatch", "notebook", "minibatch", 8, 0.05, 0.0, 3, 0, 10000, 0.0, 0.0),
    ("notebook minibatch 7 momentum", "notebook", "minibatch", 7, 0.01, 0.9, 3, 3, 10000, 0.0,
     0.0),
    ("notebook full diverging", "notebook", "full", 8, 1.5, 0.0, 1, 0, 10000, 0.0, 0.0),
    ("notebook sgd diverging", "notebook", "sgd", 8, 0.9, 0.5, 2, 0, 10000, 0.0, 0.0),
    ("notebook sgd not converging", "notebook", "sgd", 8, 0.01, 0.0, 2, 0, 5, 0.0, 0.0),
    ("wide full", "wide", "full", 8, 0.005, 0.0, 1, 0, 10000, 0.0, 0.0),
    ("wide full momentum", "wide", "full", 8, 0.003, 0.9, 1, 0, 10000, 0.0, 0.0),
    ("wide sgd", "wide", "sgd", 8, 0.0006, 0.0, 2, 0, 10000, 0.0, 0.0),
    ("wide minibatch momentum", "wide", "minibatch", 8, 0.001, 0.9, 3, 5, 10000, 0.0, 0.0),
    ("wide full diverging", "wide", "full", 8, 0.01, 0.0, 1, 0, 10000, 0.0, 0.0),
    ("wide sgd diverging", "wide", "sgd", 8, 0.01, 0.0, 2, 0, 10000, 0.0, 0.0),
    ("wide minibatch not converging", "wide", "minibatch", 8, 0.0006, 0.0, 2, 0, 3, 0.0, 0.0),
]


def permutations():
    cases = []
    for seed in PERMUTATION_SEEDS:
        for n in PERMUTATION_SIZES:
            rs = np.random.RandomState(seed)
            cases.append({"seed": seed, "n": n,
                          "permutations": [rs.permutation(n).tolist() for _ in range(3)]})
    rs = np.random.RandomState(LARGE[0])
    cases.append({"seed": LARGE[0], "n": LARGE[1],
                  "permutations": [rs.permutation(LARGE[1]).tolist() for _ in range(3)]})
    return cases


def descents():
    cases = []
    for (name, data, method, batch, lr, momentum, runs, seed, max_epochs, t0, t1) in DESCENTS:
        x, y = dataset(data)
        star = theta_star(x, y)
        results = []
        for r in range(runs):
            outcome, iterations, epochs, f0, f1 = descend(
                x, y, method, lr, momentum, batch, seed + r, 1e-3, max_epochs, (t0, t1), star)
            results.append({"outcome": outcome, "iterations": iterations, "epochs": epochs,
                            "final_theta": [f0, f1]})
        cases.append({"name": name, "dataset": data, "method": method, "batch": batch, "lr": lr,
                      "momentum": momentum, "runs": runs, "shuffle_seed": seed,
                      "max_epochs": max_epochs, "theta0": t0, "theta1": t1,
                      "theta_star": [float(star[0]), float(star[1])], "results": results})
        print(name, [(r["outcome"], r["iterations"]) for r in results], flush=True)
    return cases


def main():
    x, y = dataset("wide")
    golden = {
        "numpy": np.__version__,
        "wide": {"x1": x.tolist(), "y": y.tolist()},
        "permutations": permutations(),
        "descents": descents(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(golden) + "\n")


if __name__ == "__main__":
    main()
