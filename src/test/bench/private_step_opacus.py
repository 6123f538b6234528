"""Opacus 1.4.0's DP-SGD step on an MLP 784-128-10 (or other widths) or on the CNN
conv(1->32, 3x3) -> conv(32->64, 3x3, stride 2) -> conv(64->64, 3x3, stride 2) -> linear(->10) on
28x28 inputs (float32, one thread), beside PyTorch's plain step: zero_grad, forward, cross-entropy (mean), backward, optimizer.step() (for Opacus: per-sample
gradients by hooks, flat clipping at C = 1, noise sigma = 1, expected batch n, then SGD).
Prints min and median ms after three warm-up steps. Run by src/test/bench/private-step.sh.
Usage: private_step_opacus.py [samples] [repeats] [widths|cnn] [all|plain|private]; one mode alone
is for the peak memory of that step under /usr/bin/time -v.

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
model = sys.argv[3] if len(sys.argv) > 3 else "784,128,10"
mode = sys.argv[4] if len(sys.argv) > 4 else "all"
torch.manual_seed(45)
if model == "cnn":
    name = "cnn"
    x = torch.randn(n, 1, 28, 28)
else:
    widths = [int(w) for w in model.split(",")]
    name = "mlp " + "-".join(map(str, widths))
    x = torch.randn(n, widths[0])
y = torch.randint(0, 10, (n,))


def mlp():
    if model == "cnn":
        return torch.nn.Sequential(
            torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(),
            torch.nn.Conv2d(32, 64, 3, stride=2), torch.nn.ReLU(),
            torch.nn.Conv2d(64, 64, 3, stride=2), torch.nn.ReLU(),
            torch.nn.Flatten(), torch.nn.Linear(64 * 5 * 5, 10))
    layers = []
    for i in range(1, len(widths)):
        if i > 1:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(widths[i - 1], widths[i]))
    return torch.nn.Sequential(*layers)


def report(what, step):
    times = []
    for i in range(3 + repeats):
        start = time.perf_counter()
        step()
        if i >= 3:
            times.append((time.perf_counter() - start) * 1e3)
    print("torch %s n=%d %-26s min %8.2f ms  median %8.2f ms (%d)"
          % (name, n, what, min(times), statistics.median(times), repeats))


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


if mode in ("all", "plain"):
    report("non-private", plain_step)
if mode in ("all", "private"):
    report("private (Opacus %s hooks)" % opacus.__version__, private_step)
