#!/usr/bin/env python3
"""Golden values for io.github.sgdlab.privacy, computed by Opacus's own accountant code.

Opacus (github.com/pytorch/opacus, the latest source) is imported without running its package
__init__.py, which needs a newer torch than this machine has; its accountants need only numpy and
scipy. The one import they make of the rest of Opacus, DPOptimizer in accountants/accountant.py,
is a type hint and is stubbed. Commands (from the repository root):

    rm -rf /tmp/privop && mkdir -p /tmp/privop && cp -r /work/ext/opacus-head/opacus /tmp/privop/
    : > /tmp/privop/opacus/__init__.py
    sed -i 's/^from opacus.optimizers import DPOptimizer/DPOptimizer = object/' \
        /tmp/privop/opacus/accountants/accountant.py
    # Opacus's own accountant tests pass this way (16 tests):
    (cd /tmp/privop && PYTHONPATH=/tmp/privop /usr/bin/python3 -m unittest \
        opacus.tests.accountants_test opacus.tests.prv_accountant)
    PYTHONPATH=/tmp/privop OMP_NUM_THREADS=1 /usr/bin/python3 src/test/python/privacy_golden.py \
        > src/test/resources/privacy/opacus_golden.json

Machine used: the sgd-lab build machine (x86-64, Debian's python3 with numpy 1.24.2, scipy 1.10.1).
"""
import json
import sys
import warnings

import numpy as np

from opacus.accountants import PRVAccountant, RDPAccountant
from opacus.accountants.analysis import rdp as rdp_analysis
from opacus.accountants.utils import get_noise_multiplier

warnings.simplefilter("ignore")

SAMPLE_RATES = [1e-5, 1e-3, 0.01, 0.04, 0.2, 0.5, 1.0]
SIGMAS = [0.5, 0.8, 1.1, 1.5, 3.0, 8.0, 20.0]
CUSTOM_ORDERS = [1.01, 1.5, 2.0, 2.5, 4.75, 32.0, 100.5, 256.0]


def rdp_orders():
    """Per-order RDP of one step, default and custom orders, for every (q, sigma)."""
    cases = []
    for q in SAMPLE_RATES:
        for sigma in SIGMAS:
            for orders in (RDPAccountant.DEFAULT_ALPHAS, CUSTOM_ORDERS):
                rdp = rdp_analysis.compute_rdp(q=q, noise_multiplier=sigma, steps=1, orders=orders)
                cases.append({"q": q, "sigma": sigma, "orders": [float(a) for a in orders],
                              "rdp": [float(r) for r in rdp]})
    return cases


def rdp_epsilons():
    """RDP epsilon and best order for single and mixed histories at several deltas."""
    histories = []
    for q in SAMPLE_RATES:
        for sigma in SIGMAS:
            for steps in (1, 100, 2250, 1000000):
                histories.append([(sigma, q, steps)])
    histories += [
        [(1.0, 0.01, 100), (2.0, 0.02, 500), (0.8, 0.001, 1000)],
        [(1.5, 0.04, 1000), (1.1, 0.04, 1250)],
        [(0.7, 0.5, 3), (4.0, 1e-4, 100000), (1.2, 0.004, 7)],
        [(3.0, 0.1, 10), (3.0, 0.2, 10), (3.0, 0.1, 10)],
    ]
    cases = []
    for history in histories:
        for delta in (1e-3, 1e-5, 1e-8):
            accountant = RDPAccountant()
            accountant.history = list(history)
            eps, best = accountant.get_privacy_spent(delta=delta)
            cases.append({"history": [list(h) for h in history], "delta": delta,
                          "epsilon": eps, "best_order": best})
    return cases


PRV_HISTORIES = [
    # microsoft/prv_accountant's values Opacus tests against (opacus/tests/prv_accountant.py)
    [(0.8, 0.001, 100)], [(1.5, 0.001, 100)], [(3.0, 0.001, 100)],
    [(0.8, 0.05, 100)], [(2.0, 0.05, 100)], [(0.8, 0.2, 100)], [(3.0, 0.2, 100)],
    [(0.8, 0.001, 1000)], [(2.0, 0.05, 1000)], [(0.8, 0.05, 1000)],
    [(1.5, 0.001, 20000)], [(3.0, 0.05, 20000)],
    # Opacus's test_prv_accountant setting (90 epochs at q = 0.04)
    [(1.5, 0.04, 2249)],
    [(1.1, 256 / 60000, 14062)], [(10.0, 0.5, 50)], [(0.6, 1.0, 10)], [(1.0, 0.3, 1)],
    # mixed histories
    [(1.0, 0.01, 100), (2.0, 0.02, 500), (0.8, 0.001, 1000)],
    [(1.5, 0.04, 1000), (1.1, 0.04, 1250)],
    [(3.0, 0.1, 10), (3.0, 0.2, 10), (3.0, 0.1, 10)],
]


def prv_epsilons():
    cases = []
    for history in PRV_HISTORIES:
        for delta in (1e-6, 1e-5, 1e-3):
            accountant = PRVAccountant()
            accountant.history = list(history)
            eps = accountant.get_epsilon(delta=delta)
            cases.append({"history": [list(h) for h in history], "delta": delta,
                          "epsilon": float(eps)})
    return cases


NOISE = [
    # (target epsilon, delta, q, steps, accountant); Opacus's tests' settings first
    (8.0, 1e-5, 0.04, 2250, "rdp"), (8.0, 1e-5, 0.04, 2000, "rdp"),
    (8.0, 1e-5, 0.04, 2250, "prv"), (8.0, 1e-5, 0.04, 2000, "prv"),
    (1.0, 1e-5, 0.01, 1000, "rdp"), (3.0, 1e-6, 256 / 60000, 14062, "rdp"),
    (0.5, 1e-5, 1e-3, 100000, "rdp"), (10.0, 1e-3, 0.5, 10, "rdp"), (2.0, 1e-5, 1.0, 50, "rdp"),
    (1.0, 1e-5, 0.01, 1000, "prv"), (4.0, 1e-6, 0.02, 500, "prv"),
]


def noise():
    cases = []
    for eps, delta, q, steps, mechanism in NOISE:
        sigma = get_noise_multiplier(target_epsilon=eps, target_delta=delta, sample_rate=q,
                                     steps=steps, accountant=mechanism)
        cases.append({"target_epsilon": eps, "delta": delta, "sample_rate": q, "steps": steps,
                      "accountant": mechanism, "noise_multiplier": float(sigma)})
    return cases


def main():
    out = {"source": "Opacus accountants (opacus-head), src/test/python/privacy_golden.py",
           "numpy": np.__version__,
           "rdp_orders": rdp_orders(), "rdp_epsilons": rdp_epsilons(),
           "prv_epsilons": prv_epsilons(), "noise": noise()}
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
