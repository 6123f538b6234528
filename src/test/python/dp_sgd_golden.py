"""Opacus 1.4.0's private gradient at noise 0, float64, for the DP-SGD golden tests.

Writes src/test/resources/privacy/dp_sgd_golden.json: for a small MLP and a small CNN with fixed
(seeded, saved) weights, inputs and labels, the gradient Opacus's DPOptimizer (FLAT) and
DPPerLayerOptimizer (PER_LAYER, the same C for every parameter) leave in each parameter's .grad
after pre_step() (clip, sum, noise 0, divide by the expected batch size), loss_reduction "mean"
with CrossEntropyLoss, as PrivacyEngine.make_private sets it up. The actual batch (7) differs from
the expected batch size (8) so the division by the expected size is tested; C is chosen so that
some samples are clipped and some are not (asserted below).

Commands (Opacus 1.4.0 from /work/ext/opacus-1.4.0, Debian torch 1.13, one stand-in module):
    cp -r /work/ext/opacus-1.4.0 /tmp/opacus140
    mkdir -p /tmp/opacus_stub/opt_einsum
    printf 'import torch\ndef contract(eq, *ops):\n    return torch.einsum(eq, *ops)\n' \
        > /tmp/opacus_stub/opt_einsum/contract.py
    echo 'from .contract import contract' > /tmp/opacus_stub/opt_einsum/__init__.py
    PYTHONPATH=/tmp/opacus140:/tmp/opacus_stub /usr/bin/python3 src/test/python/dp_sgd_golden.py
"""
import json
import os

import opacus
import torch
from opacus import GradSampleModule
from opacus.optimizers import DPOptimizer, DPPerLayerOptimizer

assert opacus.__version__ == "1.4.0", opacus.__version__
torch.set_default_dtype(torch.float64)

N = 7
EXPECTED_BATCH = 8


def mlp():
    return torch.nn.Sequential(torch.nn.Linear(6, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3))


def cnn():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 2, 3), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(32, 3))


def private_gradient(model, x, y, clip, per_layer):
    module = GradSampleModule(model, loss_reduction="mean")
    sgd = torch.optim.SGD(module.parameters(), lr=0.0)
    params = [p for p in module.parameters() if p.requires_grad]
    if per_layer:
        opt = DPPerLayerOptimizer(sgd, noise_multiplier=0.0, max_grad_norm=[clip] * len(params),
                                  expected_batch_size=EXPECTED_BATCH, loss_reduction="mean")
    else:
        opt = DPOptimizer(sgd, noise_multiplier=0.0, max_grad_norm=clip,
                          expected_batch_size=EXPECTED_BATCH, loss_reduction="mean")
    opt.zero_grad(set_to_none=True)
    loss = torch.nn.functional.cross_entropy(module(x), y)
    loss.backward()
    # Per-sample norms, to check that C clips some samples and not others.
    samples = [p.grad_sample.reshape(N, -1) for p in params]
    if per_layer:
        norms = torch.cat([s.norm(dim=1) for s in samples])
    else:
        norms = torch.cat(samples, dim=1).norm(dim=1)
    clipped = int((norms > clip).sum())
    assert 0 < clipped < len(norms), (clipped, len(norms))
    opt.pre_step()
    return [p.grad.detach().clone() for p in params], clipped


def case(name, make, x_shape, classes, clip_flat, clip_layer, seed):
    torch.manual_seed(seed)
    model = make()
    x = torch.randn(*x_shape)
    y = torch.randint(0, classes, (N,))
    weights = [p.detach().clone() for p in model.parameters()]
    out = {
        "parameters": [{"shape": list(w.shape), "values": w.flatten().tolist()} for w in weights],
        "input": {"shape": list(x.shape), "values": x.flatten().tolist()},
        "labels": y.tolist(),
        "expected_batch_size": EXPECTED_BATCH,
    }
    for key, clip, per_layer in (("flat", clip_flat, False), ("per_layer", clip_layer, True)):
        model = make()
        with torch.no_grad():
            for p, w in zip(model.parameters(), weights):
                p.copy_(w)
        grads, clipped = private_gradient(model, x, y, clip, per_layer)
        out[key] = {"max_grad_norm": clip, "clipped": clipped,
                    "gradients": [g.flatten().tolist() for g in grads]}
    return name, out


cases = dict([
    case("mlp", mlp, (N, 6), 3, 1.0, 0.45, 1),
    case("cnn", cnn, (N, 1, 6, 6), 3, 2.3, 0.8, 2),
])
cases["opacus_version"] = opacus.__version__
cases["torch_version"] = torch.__version__
path = os.path.join(os.path.dirname(__file__), "..", "resources", "privacy", "dp_sgd_golden.json")
with open(path, "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(path))
for key in ("mlp", "cnn"):
    print(key, "clipped flat", cases[key]["flat"]["clipped"], "per-layer",
          cases[key]["per_layer"]["clipped"])
