"""Opacus 1.4.0's DP-SGD step on an MLP 784-128-10 (float32, one thread), beside PyTorch's plain
step: zero_grad, forward, cross-entropy (mean), backward, optimizer.step() (for Opacus: per-sample
gradients by hooks, flat clipping at C = 1, noise sigma = 1, expected batch n, then SGD).
Prints min and median ms after three warm-up steps. Run by src/test/bench/private-step.sh, beside `bench private`.

Needs Opacus 1.4.0 on PYTHONPATH with the opt_einsum stand-in (see
src/test/python/dp_sgd_golden.py's header for the commands)."""
import statistics
import sys
import time

import opacus
import torch
from opacus import GradSampleModule
from opacus.optimizers import DPOptimizer

torch.set_num_threads(1)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 256
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 20
torch.manual_seed(45)
x = torch.randn(n, 784)
y = torch.randint(0, 10, (n,))


def mlp():
    return torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))


def report(what, step):
    times = []
    for i in range(3 + repeats):
        start = time.perf_counter()
        step()
        if i >= 3:
            times.append((time.perf_counter() - start) * 1e3)
    print("torch mlp n=%d %-26s min %8.2f ms  median %8.2f ms (%d)"
          % (n, what, min(times), statistics.median(times), repeats))


plain = mlp()
plain_opt = torch.optim.SGD(plain.parameters(), lr=0.01)


def plain_step():
    plain_opt.zero_grad(set_to_none=True)
    torch.nn.functional.cross_entropy(plain(x), y).backward()
    plain_opt.step()


module = GradSampleModule(mlp(), loss_reduction="mean")
dp_opt = DPOptimizer(torch.optim.SGD(module.parameters(), lr=0.01), noise_multiplier=1.0,
                     max_grad_norm=1.0, expected_batch_size=n, loss_reduction="mean")


def private_step():
    dp_opt.zero_grad(set_to_none=True)
    torch.nn.functional.cross_entropy(module(x), y).backward()
    dp_opt.step()


report("non-private", plain_step)
report("private (Opacus %s hooks)" % opacus.__version__, private_step)
