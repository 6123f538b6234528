"""Benchmark: torch.autograd.gradcheck on the same-sized MLP as sgd-lab's SmallMlp.DEFAULT
(4-8-3 tanh, 16 samples, float64, mean softmax cross-entropy), full and fast mode, one thread.
Usage: python3 src/test/bench/gradcheck_torch.py [repeats]"""
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 30
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)).double()
x = torch.randn(16, 4, dtype=torch.float64)
labels = torch.randint(0, 3, (16,))
params = [p.detach().clone().requires_grad_(True) for p in model.parameters()]


def loss(w1, b1, w2, b2):
    hidden = torch.tanh(x @ w1.T + b1)
    return torch.nn.functional.cross_entropy(hidden @ w2.T + b2, labels)


for fast in (False, True):
    for _ in range(5):
        torch.autograd.gradcheck(loss, params, fast_mode=fast)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        assert torch.autograd.gradcheck(loss, params, fast_mode=fast)
        times.append((time.perf_counter() - start) * 1e3)
    print(f"torch gradcheck {'fast' if fast else 'full'}: min {min(times):.2f} ms, "
          f"median {statistics.median(times):.2f} ms ({repeats} runs)")
