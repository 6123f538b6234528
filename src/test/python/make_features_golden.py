#!/usr/bin/env python3
"""Writes src/test/resources/golden/features-numpy-torch.json: gradients of the d-feature model
y_pred = theta_1 * x_1 + ... + theta_d * x_d + theta_0 on a small data set with d = 3, from real
numpy (float64, the notebook's manual cells generalised) and real PyTorch (float32 and float64,
the notebook's torch cells generalised: scalar parameters, one backward pass for the batch, one
per sample for the per-sample gradients, averaged left to right with sum() / len()).

Run from the repository root with a python3 that has numpy and torch (Debian: /usr/bin/python3
with python3-torch):

    /usr/bin/python3 src/test/python/make_features_golden.py

The data are drawn here from numpy's legacy RandomState (seed 7) and written into the file, so
the Java test reads them instead of drawing. Floats are written with repr(), which round-trips.
"""
import json
import pathlib

import numpy as np
import torch

torch.set_num_threads(1)
OUT = pathlib.Path("src/test/resources/golden/features-numpy-torch.json")
N, D = 1000, 3
THETAS = [[0.0, 0.0, 0.0, 0.0], [1.5, 2.0, -3.0, 0.5], [-0.25, 10.0, 0.125, -7.0]]

rng = np.random.RandomState(7)
x = rng.uniform(-1, 1, (N, D))
y = 1.5 + 2 * x[:, 0] - 3 * x[:, 1] + 0.5 * x[:, 2] + rng.randn(N)


def prediction(theta, columns):
    total = theta[1] * columns[0]
    for j in range(1, D):
        total = total + theta[j + 1] * columns[j]
    return total + theta[0]


def numpy_case(theta):
    columns = [x[:, j] for j in range(D)]
    residual = y - prediction(theta, columns)
    n = len(y)
    batch = [-2 / n * np.sum(residual)] + [-2 / n * np.sum(residual * c) for c in columns]
    loss = np.mean(residual ** 2)
    average = [np.mean(-2 * residual)] + [np.mean(-2 * residual * c) for c in columns]
    return {"batch": [float(v) for v in batch], "loss": float(loss),
            "per_sample_average": [float(v) for v in average]}


def torch_case(theta, dtype):
    columns = [torch.tensor(x[:, j], dtype=dtype) for j in range(D)]
    target = torch.tensor(y, dtype=dtype)
    params = [torch.tensor(t, dtype=dtype, requires_grad=True) for t in theta]
    loss = ((prediction(params, columns) - target) ** 2).mean()
    loss.backward()
    batch = [p.grad.item() for p in params]
    sums = [[] for _ in params]
    for i in range(N):
        for p in params:
            p.grad.zero_()
        loss_i = (prediction(params, [c[i] for c in columns]) - target[i]) ** 2
        loss_i.backward()
        for j, p in enumerate(params):
            sums[j].append(p.grad.item())
    average = [sum(g) / len(g) for g in sums]
    return {"batch": batch, "loss": loss.item(), "per_sample_average": average}


cases = []
for theta in THETAS:
    cases.append({"theta": theta, "numpy_float64": numpy_case(theta),
                  "torch_float32": torch_case(theta, torch.float32),
                  "torch_float64": torch_case(theta, torch.float64)})
OUT.write_text(json.dumps({"numpy": np.__version__, "torch": torch.__version__,
                           "x": x.tolist(), "y": y.tolist(), "cases": cases}) + "\n")
print("wrote", OUT)
