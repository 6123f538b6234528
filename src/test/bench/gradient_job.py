#!/usr/bin/env python3
"""The Python job that `sgd-lab gradient --samples N` is measured against (whole process):
numpy data as the notebook draws it, torch batch autograd (In [10]), torch per-sample gradients by
expanded parameters (one leaf per sample, one backward pass; In [11]'s values), their average and
standard deviation, and numpy's closed forms (In [12], In [14]). One thread.

Usage: OMP_NUM_THREADS=1 /usr/bin/time -v /usr/bin/python3 src/test/bench/gradient_job.py [N] [seed]
"""
import sys

import numpy as np
import torch

torch.set_num_threads(1)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 45

np.random.seed(seed)
x1 = np.random.uniform(-1, 1, n)
eps = np.random.randn(n)
y = 3 * x1 + 4 + eps

x1_tensor = torch.tensor(x1, dtype=torch.float32)
y_tensor = torch.tensor(y, dtype=torch.float32)

# In [10]: batch autograd at theta = (0, 0).
theta_0 = torch.tensor(0.0, requires_grad=True)
theta_1 = torch.tensor(0.0, requires_grad=True)
loss = torch.mean((theta_1 * x1_tensor + theta_0 - y_tensor) ** 2)
loss.backward()

# In [11]'s per-sample gradients, all at once: theta expanded to one leaf per sample.
theta_0s = torch.zeros(n, requires_grad=True)
theta_1s = torch.zeros(n, requires_grad=True)
((theta_1s * x1_tensor + theta_0s - y_tensor) ** 2).sum().backward()
g0 = theta_0s.grad.double().numpy()
g1 = theta_1s.grad.double().numpy()

# In [12] and In [14]: numpy's closed forms.
y_pred = 0.0 * x1 + 0.0
grad_theta_0 = -2 / n * np.sum(y - y_pred)
grad_theta_1 = -2 / n * np.sum((y - y_pred) * x1)
ref_g0 = -2 * (y - y_pred)
ref_g1 = -2 * (y - y_pred) * x1

print("batch", theta_0.grad.item(), theta_1.grad.item(), loss.item())
print("per-sample average", g0.mean(), g1.mean())
print("per-sample std", g0.std(), g1.std())
print("reference batch", grad_theta_0, grad_theta_1)
print("reference per-sample average", np.mean(ref_g0), np.mean(ref_g1))
