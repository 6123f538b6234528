#!/usr/bin/env python3
"""A straightforward numpy implementation of the descent lab (issue 9's semantics), independent of
the Java code. make_descent_golden.py writes golden values from it; src/test/bench/descend.sh
times it against `descend`.

    python3 src/test/python/descent_numpy.py --method sgd --lr 0.01 --runs 100
"""
import argparse
import math
import time

import numpy as np


def dataset(name):
    """notebook: seed 45, x1 = uniform(-1, 1, 40), y = 3*x1 + 4 + randn; wide: uniform(-20, 20),
    y = 100*x1 + 1 + randn."""
    low, high, slope, intercept = {"notebook": (-1, 1, 3, 4), "wide": (-20, 20, 100, 1)}[name]
    np.random.seed(45)
    x1 = np.random.uniform(low, high, 40)
    eps = np.random.randn(40)
    y = slope * x1 + intercept + eps
    return x1, y


def theta_star(x, y):
    """Least squares by the centred normal equations."""
    xm = np.sum(x) / len(x)
    ym = np.sum(y) / len(y)
    dx = x - xm
    t1 = np.sum(dx * (y - ym)) / np.sum(dx * dx)
    return ym - t1 * xm, t1


def descend(x, y, method, lr, momentum, batch, seed, eps, max_epochs, start, star):
    """One run. Returns (outcome, iterations, epochs, theta0, theta1)."""
    n = len(x)
    rs = np.random.RandomState(seed)
    t0, t1 = float(start[0]), float(start[1])
    v0 = v1 = 0.0
    d0, d1 = t0 - star[0], t1 - star[1]
    bound = 1e6 * max(1.0, math.sqrt(d0 * d0 + d1 * d1))
    size = {"full": n, "sgd": 1, "minibatch": batch}[method]
    t = 0
    for epoch in range(1, max_epochs + 1):
        order = np.arange(n) if method == "full" else rs.permutation(n)
        for a in range(0, n, size):
            idx = order[a:a + size]
            xb, yb = x[idx], y[idx]
            r = yb - (t1 * xb + t0)
            scale = -2.0 / len(idx)
            g0 = scale * np.sum(r)
            g1 = scale * np.sum(r * xb)
            v0 = momentum * v0 + g0
            v1 = momentum * v1 + g1
            t0 = t0 - lr * v0
            t1 = t1 - lr * v1
            t += 1
            d0, d1 = t0 - star[0], t1 - star[1]
            dist = math.sqrt(d0 * d0 + d1 * d1)
            if not (math.isfinite(t0) and math.isfinite(t1)) or dist > bound:
                return "diverged", t, epoch, t0, t1
            if dist < eps:
                return "converged", t, epoch, t0, t1
    return "not_converged", t, max_epochs, t0, t1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dataset", default="notebook")
    p.add_argument("--method", default="full")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--momentum", type=float, default=0.0)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--shuffle-seed", type=int, default=0)
    p.add_argument("--eps", type=float, default=1e-3)
    p.add_argument("--max-epochs", type=int, default=10000)
    a = p.parse_args()
    x, y = dataset(a.dataset)
    star = theta_star(x, y)
    start = time.perf_counter()
    results = [descend(x, y, a.method, a.lr, a.momentum, a.batch, a.shuffle_seed + r, a.eps,
                       a.max_epochs, (0.0, 0.0), star) for r in range(a.runs)]
    elapsed = time.perf_counter() - start
    conv = [r for r in results if r[0] == "converged"]
    steps = sum(r[1] for r in results)
    print(f"theta* = ({star[0]!r}, {star[1]!r})")
    print(f"converged {len(conv)}/{len(results)}, mean iterations "
          f"{np.mean([r[1] for r in conv]) if conv else float('nan')}, mean epochs "
          f"{np.mean([r[2] for r in conv]) if conv else float('nan')}, max iterations "
          f"{max(r[1] for r in results)}")
    print(f"{steps} steps in {elapsed:.3f} s, {1e6 * elapsed / steps:.1f} us per step")


if __name__ == "__main__":
    main()
