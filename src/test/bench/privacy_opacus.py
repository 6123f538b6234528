#!/usr/bin/env python3
"""Opacus's side of src/test/bench/privacy.sh: the same settings as PrivacyTiming.java, timed the
same way (one warm-up call, then RUNS timed calls, each by the wall clock and by the process's CPU
time). Prints one line per setting: `opacus <what>: wall <min> <median> cpu <min> <median> ms
(<result>)`. Needs Opacus's accountants importable (see the header of
src/test/python/privacy_golden.py for how). Usage: privacy_opacus.py [runs]"""
import statistics
import sys
import time
import warnings

from opacus.accountants import PRVAccountant, RDPAccountant
from opacus.accountants.utils import get_noise_multiplier

warnings.simplefilter("ignore")

EPSILON = [(1.5, 0.04, 2250, 1e-5), (0.8, 0.001, 1000, 1e-6), (1.1, 256 / 60000, 14062, 1e-5),
           (3.0, 0.05, 20000, 1e-6), (0.8, 0.01, 10000, 1e-5)]
NOISE = [(8, 1e-5, 0.04, 2000), (1, 1e-5, 0.01, 1000)]


def time_it(what, result, fn, runs):
    value = fn()  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        cpu_start = time.process_time()
        start = time.perf_counter()
        value = fn()
        wall.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - cpu_start) * 1e3)
    print(f"opacus {what}: wall {min(wall):.3f} {statistics.median(wall):.3f} "
          f"cpu {min(cpu):.3f} {statistics.median(cpu):.3f} ms ({result} {value:.9f})", flush=True)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for sigma, q, steps, delta in EPSILON:
        for mechanism, cls in (("prv", PRVAccountant), ("rdp", RDPAccountant)):
            def eps(cls=cls, sigma=sigma, q=q, steps=steps, delta=delta):
                a = cls()
                a.history = [(sigma, q, steps)]
                return a.get_epsilon(delta=delta)
            time_it(f"{mechanism} epsilon sigma={sigma} q={q} steps={steps} delta={delta}", "eps",
                    eps, runs)
    for target, delta, q, steps in NOISE:
        for mechanism in ("rdp", "prv"):
            def noise(target=target, delta=delta, q=q, steps=steps, mechanism=mechanism):
                return get_noise_multiplier(target_epsilon=target, target_delta=delta,
                                            sample_rate=q, steps=steps, accountant=mechanism)
            time_it(f"{mechanism} noise eps={target} delta={delta} q={q} steps={steps}", "sigma",
                    noise, runs)


if __name__ == "__main__":
    main()
