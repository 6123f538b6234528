"""The same work as `gradient --data FILE` in Python, for the benchmark's comparison: pandas reads
the CSV (its C parser), then PyTorch computes the float32 batch gradient (one backward pass) and
the per-sample gradients (one backward pass per 65536 samples, each sample with its own copy of
theta, as sgd-lab does), and numpy computes the float64 reference batch gradient and per-sample
average. One thread: torch.set_num_threads(1), OMP_NUM_THREADS=1.

Usage: python3 csv_gradient_baseline.py FILE   (target y, features all other columns)
"""
import sys

import numpy as np
import pandas as pd
import torch

torch.set_num_threads(1)
frame = pd.read_csv(sys.argv[1], dtype=np.float64)
y = frame.pop("y").to_numpy()
x = frame.to_numpy()
n, d = x.shape

xt = torch.tensor(x, dtype=torch.float32)
yt = torch.tensor(y, dtype=torch.float32)
theta = torch.zeros(d + 1, dtype=torch.float32, requires_grad=True)
loss = ((xt @ theta[1:] + theta[0] - yt) ** 2).mean()
loss.backward()
batch = theta.grad.tolist()

sums = np.zeros(d + 1)
for start in range(0, n, 65536):
    copies = torch.zeros(min(65536, n - start), d + 1, dtype=torch.float32, requires_grad=True)
    xs, ys = xt[start:start + 65536], yt[start:start + 65536]
    (((xs * copies[:, 1:]).sum(1) + copies[:, 0] - ys) ** 2).sum().backward()
    sums += copies.grad.double().sum(0).numpy()
average = (sums / n).tolist()

residual = y - (x @ np.zeros(d) + 0.0)
reference = [-2 / n * np.sum(residual)] + [-2 / n * np.sum(residual * x[:, j]) for j in range(d)]
reference_average = [np.mean(-2 * residual)] + [np.mean(-2 * residual * x[:, j]) for j in range(d)]
print(n, d, batch, float(loss), average, reference, reference_average)
