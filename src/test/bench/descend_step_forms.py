#!/usr/bin/env python3
"""Benchmark behind BatchedGradient's choice of loss: one batched descent step (forward and
backward) of R = 100 runs, float64, one thread, in PyTorch, for the three ways of writing
sum_r mean_i residual^2 with theta as one leaf tensor:

  bmm      residual = slices @ theta (R, b, 3) x (R, 3, 1), then square, mean over b, sum
           (for b = 1 the mean is skipped);
  el_mean  residual = (slices * theta).sum(2) with theta (R, 1, 3), then square, mean, sum;
  el_dot   residual = (slices * theta) summed to one value per sample, then its dot with itself
           (divided by b when b > 1).

All three give each run the same gradient; only libtorch's cost differs. The descent uses el_dot
for b = 1 (SGD) and bmm otherwise.

    OMP_NUM_THREADS=1 /usr/bin/python3 src/test/bench/descend_step_forms.py [steps]

Needs torch (Debian's python3-torch: /usr/bin/python3).
"""
import sys
import time

import torch


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    torch.set_num_threads(1)
    runs, width = 100, 3
    one = torch.ones((), dtype=torch.float64)
    for b in (1, 8, 40):
        column = torch.zeros(runs, width, 1, dtype=torch.float64, requires_grad=True)
        row = torch.zeros(runs, 1, width, dtype=torch.float64, requires_grad=True)
        slices = torch.randn(runs, b, width, dtype=torch.float64)

        def bmm():
            squared = (slices @ column).square()
            (squared.mean(1).sum() if b > 1 else squared.sum()).backward(one)

        def el_mean():
            squared = (slices * row).sum(2).square()
            (squared.mean(1).sum() if b > 1 else squared.sum()).backward(one)

        def el_dot():
            if b == 1:
                residual = (slices * row).sum((1, 2))
                residual.dot(residual).backward(one)
            else:
                residual = (slices * row).sum(2).reshape(-1)
                (residual.dot(residual) / b).backward(one)

        for form in (bmm, el_mean, el_dot):
            for _ in range(steps // 10):
                form()
            start = time.perf_counter()
            for _ in range(steps):
                form()
            micros = (time.perf_counter() - start) / steps * 1e6
            print(f"b = {b:2d}  {form.__name__:8s} {micros:6.1f} us per step")
    print(f"torch {torch.__version__}, {steps} steps each after {steps // 10} warm-up steps")


if __name__ == "__main__":
    main()
