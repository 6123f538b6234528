#!/usr/bin/env python3
"""Writes src/test/resources/golden/persample-linear-torch.json: PyTorch's per-sample gradients of
the notebook's model y = theta_1 * x + theta_0, a torch.nn.Linear(1, 1) (weight theta_1, bias
theta_0), with the notebook's loss (y_pred - y)^2 per sample, in float32 and float64.

Two PyTorch ways, which the script checks agree bit for bit before it writes them once:
- one sample at a time, loss_i.backward() through the Linear (In [11]);
- call_for_per_sample_grads (ExpandedWeights), one backward pass for all samples.

The data are the notebook's, drawn with numpy's legacy RandomState: x1 = uniform(-1, 1, n),
eps = randn(n), y = 3*x1 + 4 + eps. Run from the repository root with Debian's python3-torch:

    /usr/bin/python3 src/test/python/make_persample_golden.py

The tests need no Python. Floats are written with repr(), which round-trips exactly.
"""
import json
import pathlib

import numpy as np
import torch
from torch.nn.utils._per_sample_grad import call_for_per_sample_grads

OUT = pathlib.Path("src/test/resources/golden/persample-linear-torch.json")
DATA = [(45, 40), (2024, 999)]
THETAS = [(0.0, 0.0), (1.5, -2.0), (4.0, 3.0), (-3.25, 0.5)]
TYPES = {"float32": torch.float32, "float64": torch.float64}


def model(theta0, theta1, dtype):
    linear = torch.nn.Linear(1, 1).to(dtype)
    with torch.no_grad():
        linear.weight.fill_(theta1)
        linear.bias.fill_(theta0)
    return linear


def loop(x, y, theta0, theta1, dtype):
    linear = model(theta0, theta1, dtype)
    weight, bias = [], []
    for i in range(len(x)):
        linear.zero_grad()
        loss_i = ((linear(x[i:i + 1]).reshape(1) - y[i:i + 1]) ** 2).sum()
        loss_i.backward()
        weight.append(linear.weight.grad.item())
        bias.append(linear.bias.grad.item())
    return weight, bias


def expanded(x, y, theta0, theta1, dtype):
    linear = model(theta0, theta1, dtype)
    y_pred = call_for_per_sample_grads(linear, batch_size=len(x), loss_reduction="sum")(x)
    ((y_pred.reshape(-1) - y) ** 2).sum().backward()
    return (linear.weight.grad_sample.reshape(-1).tolist(),
            linear.bias.grad_sample.reshape(-1).tolist())


def main():
    torch.set_num_threads(1)
    data = []
    for seed, n in DATA:
        np.random.seed(seed)
        x1 = np.random.uniform(-1, 1, n)
        eps = np.random.randn(n)
        y = 3 * x1 + 4 + eps
        cases = []
        for theta0, theta1 in THETAS:
            for name, dtype in TYPES.items():
                x = torch.tensor(x1, dtype=dtype).reshape(n, 1)
                target = torch.tensor(y, dtype=dtype)
                weight, bias = loop(x, target, theta0, theta1, dtype)
                if (weight, bias) != expanded(x, target, theta0, theta1, dtype):
                    raise SystemExit("torch's loop and ExpandedWeights disagree at %s" % name)
                cases.append({"theta0": theta0, "theta1": theta1, "dtype": name,
                              "weight": weight, "bias": bias})
        data.append({"seed": seed, "samples": n, "x1": x1.tolist(), "y": y.tolist(),
                     "cases": cases})
    OUT.write_text(json.dumps({
        "generator": "numpy %s legacy RandomState; torch %s, %d thread"
                     % (np.__version__, torch.__version__, torch.get_num_threads()),
        "model": "torch.nn.Linear(1, 1), weight = theta1, bias = theta0; loss_i = (y_pred_i - y_i)^2",
        "data": data}) + "\n")


if __name__ == "__main__":
    main()
