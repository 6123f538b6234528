#!/usr/bin/env python3
"""The benchmark's baseline: the descent lab's 100 SGD runs written the way a student writes them
in numpy, theta and the velocity as arrays, np.linalg.norm for the distance. One thread.

    OMP_NUM_THREADS=1 python3 src/test/bench/descend_numpy_plain.py [--method sgd] [--lr 0.01] [--runs 100]

It prints the converged count and the mean iterations and epochs, which must equal `descend`'s.
"""
import argparse

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--method", default="sgd")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--momentum", type=float, default=0.0)
    p.add_argument("--runs", type=int, default=100)
    p.add_argument("--eps", type=float, default=1e-3)
    p.add_argument("--max-epochs", type=int, default=10000)
    a = p.parse_args()

    np.random.seed(45)
    x = np.random.uniform(-1, 1, 40)
    y = 3 * x + 4 + np.random.randn(40)
    n = len(x)
    X = np.column_stack([np.ones(n), x])
    theta_star = np.linalg.lstsq(X, y, rcond=None)[0]
    size = {"full": n, "sgd": 1, "minibatch": a.batch}[a.method]

    iterations, epochs = [], []
    for run in range(a.runs):
        rng = np.random.RandomState(run)
        theta = np.zeros(2)
        v = np.zeros(2)
        bound = 1e6 * max(1.0, np.linalg.norm(theta - theta_star))
        t, done = 0, False
        for epoch in range(1, a.max_epochs + 1):
            order = np.arange(n) if a.method == "full" else rng.permutation(n)
            for start in range(0, n, size):
                idx = order[start:start + size]
                residual = X[idx] @ theta - y[idx]
                grad = 2 * X[idx].T @ residual / len(idx)
                v = a.momentum * v + grad
                theta = theta - a.lr * v
                t += 1
                dist = np.linalg.norm(theta - theta_star)
                if not np.all(np.isfinite(theta)) or dist > bound:
                    done = True
                    break
                if dist < a.eps:
                    iterations.append(t)
                    epochs.append(epoch)
                    done = True
                    break
            if done:
                break
    print(f"converged {len(iterations)}/{a.runs}, mean iterations {np.mean(iterations)}, "
          f"mean epochs {np.mean(epochs)}")


if __name__ == "__main__":
    main()
