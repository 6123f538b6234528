#!/usr/bin/env python3
"""Golden values for `descend --data` on a file of d = 3 features (issue 10, the descent lab's
part), from numpy alone, independent of the Java code:

- src/test/resources/golden/descent-features.csv: the data (numpy seed 7, n = 50,
  x1 = uniform(-1, 1), x2 = uniform(-3, 3), x3 = uniform(0, 2),
  y = 2 + 1.5*x1 - 0.75*x2 + 0.5*x3 + 0.1*randn), written with repr() so that every double
  parses back to the same bits;
- src/test/resources/golden/descent-features.json: theta* by np.linalg.lstsq on [1, X], the
  eigenvalues of the loss's Hessian (2/n) [1, X]^T [1, X] by np.linalg.eigvalsh, and the outcome
  of numpy descents (issue 9's rules generalised: the norm over all d + 1 components) for full
  batch and SGD with and without momentum.

    python3 src/test/python/make_descent_features_golden.py
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "golden")


def data():
    np.random.seed(7)
    n = 50
    x = np.column_stack([np.random.uniform(-1, 1, n), np.random.uniform(-3, 3, n),
                         np.random.uniform(0, 2, n)])
    y = 2 + 1.5 * x[:, 0] - 0.75 * x[:, 1] + 0.5 * x[:, 2] + 0.1 * np.random.randn(n)
    return x, y


def descend(x, y, method, lr, momentum, seed, eps, max_epochs, star):
    """One run from theta = 0: (outcome, iterations, epochs, theta)."""
    n, d = x.shape
    rs = np.random.RandomState(seed)
    theta = np.zeros(d + 1)
    v = np.zeros(d + 1)
    bound = 1e6 * max(1.0, math.sqrt(float(np.sum((theta - star) ** 2))))
    size = n if method == "full" else 1
    t = 0
    for epoch in range(1, max_epochs + 1):
        order = np.arange(n) if method == "full" else rs.permutation(n)
        for a in range(0, n, size):
            idx = order[a:a + size]
            xb, yb = x[idx], y[idx]
            pred = theta[1] * xb[:, 0]
            for j in range(1, d):
                pred = pred + theta[j + 1] * xb[:, j]
            r = yb - (pred + theta[0])
            scale = -2.0 / len(idx)
            g = np.array([scale * np.sum(r)] + [scale * np.sum(r * xb[:, j]) for j in range(d)])
            v = momentum * v + g
            theta = theta - lr * v
            t += 1
            dist = math.sqrt(float(np.sum((theta - star) ** 2)))
            if not np.all(np.isfinite(theta)) or dist > bound:
                return "diverged", t, epoch, theta
            if dist < eps:
                return "converged", t, epoch, theta
    return "not_converged", t, max_epochs, theta


def main():
    x, y = data()
    n, d = x.shape
    a = np.column_stack([np.ones(n), x])
    star = np.linalg.lstsq(a, y, rcond=None)[0]
    eig = np.sort(np.linalg.eigvalsh((2.0 / n) * a.T @ a))[::-1]
    with open(os.path.join(OUT, "descent-features.csv"), "w") as f:
        f.write("x1,x2,x3,y\n")
        for i in range(n):
            f.write(",".join(repr(float(v)) for v in (x[i, 0], x[i, 1], x[i, 2], y[i])) + "\n")
    cases = []
    for method, lr, momentum in [("full", 0.05, 0.0), ("full", 0.05, 0.9),
                                 ("sgd", 0.01, 0.0), ("sgd", 0.005, 0.5)]:
        outcome, iterations, epochs, theta = descend(x, y, method, lr, momentum, 0, 1e-3,
                                                     10000, star)
        cases.append({"method": method, "lr": lr, "momentum": momentum, "shuffle_seed": 0,
                      "outcome": outcome, "iterations": iterations, "epochs": epochs,
                      "final_theta": [float(v) for v in theta]})
    golden = {"theta_star": [float(v) for v in star], "eigenvalues": [float(v) for v in eig],
              "samples": n, "cases": cases}
    with open(os.path.join(OUT, "descent-features.json"), "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print(json.dumps(golden, indent=1))


if __name__ == "__main__":
    main()
