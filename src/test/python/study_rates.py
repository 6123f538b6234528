#!/usr/bin/env python3
"""How the study's learning rates were checked: at notebook lr 0.003 and wide lr 0.0006, every
stochastic cell of the grid converges in each of 100 runs (shuffle seeds 0-99) within 10 000
epochs, by the numpy implementation descent_numpy.py. (The full-batch cells are deterministic.)
Run from the repository root; takes several minutes.

    python3 src/test/python/study_rates.py
"""
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from descent_numpy import dataset, descend, theta_star  # noqa: E402

for name, lr in [("notebook", 0.003), ("wide", 0.0006)]:
    x, y = dataset(name)
    star = theta_star(x, y)
    for method, mu in [("full", 0.0), ("full", 0.9), ("sgd", 0.0), ("sgd", 0.9),
                       ("minibatch", 0.0), ("minibatch", 0.9)]:
        runs = 1 if method == "full" else 100
        res = [descend(x, y, method, lr, mu, 8, r, 1e-3, 10000, (0, 0), star)
               for r in range(runs)]
        conv = [r for r in res if r[0] == "converged"]
        print(name, lr, method, mu, f"{len(conv)}/{runs} converged, mean iterations "
              f"{np.mean([r[1] for r in conv])}, max {max(r[1] for r in res)}", flush=True)
