#!/usr/bin/env python3
"""The PyTorch side of per-sample-conv.sh: per-sample gradients of the same small CNN (1x28x28
inputs, Conv2d 8 3x3 stride 2 padding 1, ReLU, Conv2d 16 3x3 stride 2 padding 1, ReLU, flatten,
Linear 10, softmax cross-entropy, float32), one thread, with PyTorch's ExpandedWeights
(`call_for_per_sample_grads`), functorch's `vmap(grad)`, the loop over samples, and the plain
batch gradient for scale. Prints min and median ms after two warm-up runs.

    OMP_NUM_THREADS=1 /usr/bin/python3 src/test/bench/per_sample_conv_torch.py [samples] [repeats]

Needs torch 1.13 (Debian's python3-torch, /usr/bin/python3) and functorch.
"""
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch.nn.utils._per_sample_grad import call_for_per_sample_grads

try:
    from functorch import grad, make_functional, vmap
except ImportError:  # functorch is optional
    vmap = None


def cnn():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, stride=2, padding=1), torch.nn.ReLU(),
        torch.nn.Conv2d(8, 16, 3, stride=2, padding=1), torch.nn.ReLU(),
        torch.nn.Flatten(), torch.nn.Linear(16 * 7 * 7, 10))


def timed(what, samples, repeats, call):
    times = []
    for i in range(2 + repeats):
        start = time.perf_counter()
        call()
        if i >= 2:
            times.append((time.perf_counter() - start) * 1e3)
    print(f"cnn n={samples} {what:30s} min {min(times):8.2f} ms  "
          f"median {statistics.median(times):8.2f} ms ({repeats} runs)")


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 256
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    torch.set_num_threads(1)
    torch.manual_seed(45)
    model = cnn()
    x = torch.randn(samples, 1, 28, 28)
    y = torch.randint(0, 10, (samples,))

    def expanded_weights():
        # ExpandedWeights refuses to run while the last call's grad_sample is still set.
        for p in model.parameters():
            p.grad_sample = None
        out = call_for_per_sample_grads(model, batch_size=samples, loss_reduction="sum")(x)
        F.cross_entropy(out, y, reduction="sum").backward()
        return [p.grad_sample for p in model.parameters()]

    def loop():
        grads = []
        for i in range(samples):
            model.zero_grad(set_to_none=True)
            F.cross_entropy(model(x[i:i + 1]), y[i:i + 1]).backward()
            grads.append([p.grad.clone() for p in model.parameters()])
        return grads

    def batch():
        model.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        return [p.grad for p in model.parameters()]

    timed("per-sample ExpandedWeights", samples, repeats, expanded_weights)
    if vmap is not None:
        fmodel, params = make_functional(model)

        def loss(p, xi, yi):
            return F.cross_entropy(fmodel(p, xi.unsqueeze(0)), yi.unsqueeze(0))

        per_sample = vmap(grad(loss), in_dims=(None, 0, 0))
        timed("per-sample vmap(grad)", samples, repeats, lambda: per_sample(params, x, y))
    timed("per-sample loop", samples, max(1, repeats // 4), loop)
    timed("batch gradient", samples, repeats, batch)
    print(f"torch {torch.__version__}")


if __name__ == "__main__":
    main()
