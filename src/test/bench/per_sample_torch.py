#!/usr/bin/env python3
"""PyTorch's side of the per-sample gradient benchmark (src/test/bench/per-sample.sh).

Times, after warm-up, the same jobs as `sgd-lab bench per-sample`, one thread:
- linear: the notebook's y = theta_1 * x + theta_0 on numpy's seed-45 data, loss_i = (y_pred_i - y_i)^2:
  "expanded" (theta_0, theta_1 expanded to one leaf per sample, one backward pass),
  "expanded_weights" (torch.nn.utils._per_sample_grad.call_for_per_sample_grads on nn.Linear(1, 1)),
  "vmap_grad" (functorch.vmap(functorch.grad(...)) over samples);
- mlp: a ReLU MLP (nn.Linear layers), softmax cross-entropy, standard normal inputs:
  "loop" (one backward per sample, gradients copied out), "expanded_weights", "vmap_grad".
Each timed call ends when the per-sample gradients exist as tensors.

Usage: /usr/bin/python3 src/test/bench/per_sample_torch.py MODEL SAMPLES METHOD [WIDTHS] [REPEAT]
Prints one JSON line: {"model", "samples", "method", "min_ms", "median_ms", "us_per_sample"}.
"""
import json
import statistics
import sys
import time

import functorch
import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.utils._per_sample_grad import call_for_per_sample_grads

torch.set_num_threads(1)


def clear_grad_samples(model):
    """ExpandedWeights refuses a second call while the first call's grad_sample is still there."""
    for p in model.parameters():
        p.grad = None
        if hasattr(p, "grad_sample"):
            del p.grad_sample


def linear_data(n):
    np.random.seed(45)
    x1 = np.random.uniform(-1, 1, n)
    y = 3 * x1 + 4 + np.random.randn(n)
    return (torch.tensor(x1, dtype=torch.float32).reshape(n, 1),
            torch.tensor(y, dtype=torch.float32))


def linear_jobs(n):
    x, y = linear_data(n)
    xs, model = x.reshape(n), torch.nn.Linear(1, 1)

    def expanded():
        theta_0 = torch.zeros(n, requires_grad=True)
        theta_1 = torch.zeros(n, requires_grad=True)
        ((theta_1 * xs + theta_0 - y) ** 2).sum().backward()
        return theta_0.grad, theta_1.grad

    def expanded_weights():
        clear_grad_samples(model)
        y_pred = call_for_per_sample_grads(model, batch_size=n, loss_reduction="sum")(x)
        ((y_pred.reshape(n) - y) ** 2).sum().backward()
        return model.weight.grad_sample, model.bias.grad_sample

    params = {k: v.detach() for k, v in model.named_parameters()}

    def loss_one(p, xi, yi):
        return ((F.linear(xi, p["weight"], p["bias"]) - yi) ** 2).sum()

    per_sample = functorch.vmap(functorch.grad(loss_one), in_dims=(None, 0, 0))

    def vmap_grad():
        return per_sample(params, x, y)

    return {"expanded": expanded, "expanded_weights": expanded_weights, "vmap_grad": vmap_grad}


def mlp_jobs(n, widths):
    torch.manual_seed(45)
    layers = []
    for i in range(1, len(widths)):
        layers.append(torch.nn.Linear(widths[i - 1], widths[i]))
        if i < len(widths) - 1:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    x = torch.randn(n, widths[0])
    y = torch.randint(0, widths[-1], (n,))

    def loop():
        grads = {k: torch.empty((n,) + p.shape) for k, p in model.named_parameters()}
        for i in range(n):
            model.zero_grad()
            F.cross_entropy(model(x[i:i + 1]), y[i:i + 1], reduction="sum").backward()
            for k, p in model.named_parameters():
                grads[k][i] = p.grad
        return grads

    def expanded_weights():
        clear_grad_samples(model)
        out = call_for_per_sample_grads(model, batch_size=n, loss_reduction="sum")(x)
        F.cross_entropy(out, y, reduction="sum").backward()
        return [p.grad_sample for p in model.parameters()]

    fmodel, params = functorch.make_functional(model)

    def loss_one(p, xi, yi):
        return F.cross_entropy(fmodel(p, xi.unsqueeze(0)), yi.unsqueeze(0))

    per_sample = functorch.vmap(functorch.grad(loss_one), in_dims=(None, 0, 0))

    def vmap_grad():
        return per_sample(params, x, y)

    return {"loop": loop, "expanded_weights": expanded_weights, "vmap_grad": vmap_grad}


def main():
    model, n, method = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    widths = [int(w) for w in (sys.argv[4] if len(sys.argv) > 4 else "20,64,10").split(",")]
    repeat = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    jobs = linear_jobs(n) if model == "linear" else mlp_jobs(n, widths)
    job = jobs[method]
    for _ in range(min(5, repeat)):
        job()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = job()
        times.append((time.perf_counter() - start) * 1e3)
        del result
    median = statistics.median(times)
    print(json.dumps({"model": model, "samples": n, "method": method,
                      "min_ms": min(times), "median_ms": median,
                      "us_per_sample": median * 1e3 / n}))


if __name__ == "__main__":
    main()
