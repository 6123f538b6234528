#!/usr/bin/env python3
"""Opacus's side of src/test/bench/privacy.sh: the same settings as PrivacyTiming.java, timed the
same way (median of RUNS after one warm-up call). Needs Opacus's accountants importable (see the
header of src/test/python/privacy_golden.py for how). Usage: privacy_opacus.py [runs]"""
import sys
import time
import warnings

from opacus.accountants import PRVAccountant, RDPAccountant
from opacus.accountants.utils import get_noise_multiplier

warnings.simplefilter("ignore")

EPSILON = [(1.5, 0.04, 2250, 1e-5), (0.8, 0.001, 1000, 1e-6), (1.1, 256 / 60000, 14062, 1e-5),
           (3.0, 0.05, 20000, 1e-6)]
NOISE = [(8, 1e-5, 0.04, 2000), (1, 1e-5, 0.01, 1000)]


def median_ms(fn, runs):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2], value


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for sigma, q, steps, delta in EPSILON:
        for mechanism, cls in (("prv", PRVAccountant), ("rdp", RDPAccountant)):
            def eps():
                a = cls()
                a.history = [(sigma, q, steps)]
                return a.get_epsilon(delta=delta)
            ms, value = median_ms(eps, runs)
            print(f"opacus {mechanism} epsilon sigma={sigma} q={q} steps={steps} delta={delta}: "
                  f"{ms:.3f} ms (eps {value:.6f})")
    for target, delta, q, steps in NOISE:
        for mechanism in ("rdp", "prv"):
            ms, value = median_ms(lambda: get_noise_multiplier(
                target_epsilon=target, target_delta=delta, sample_rate=q, steps=steps,
                accountant=mechanism), runs)
            print(f"opacus {mechanism} noise eps={target} delta={delta} q={q} steps={steps}: "
                  f"{ms:.3f} ms (sigma {value})")


if __name__ == "__main__":
    main()
