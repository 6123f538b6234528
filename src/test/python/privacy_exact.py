#!/usr/bin/env python3
"""High-precision reference values for the RDP values where Opacus's own double result is not
determined to the issue's tolerance (src/test/resources/privacy/opacus_exact.json).

Opacus's fractional-order RDP is log(A)/(alpha - 1) with A a sum of O(1) terms; for alpha near 1,
or q = 0.5 with large sigma, A is 1 + 1e-5 or so, and a double sum of O(1) terms cannot resolve
log(A) to 1e-12 relative (one ulp of 1 is already 2e-16 of A, i.e. ~1e-11 of log A). This script
evaluates, with mpmath at 40 digits, exactly the series Opacus's _compute_log_a_for_frac_alpha
evaluates (same terms, same truncation: the number of terms is taken from running Opacus's own
loop). It also runs Opacus's own code with its one binomial replaced by the recurrence the Java
port uses above i = 20 (scipy evaluates a beta function there, a few ulps away): for most listed
settings that alone makes Opacus's result and the Java port's bit for bit equal. OpacusGoldenTest
asserts every other value against Opacus strictly, and each listed one against these values.

The settings listed are those where the Java accountant and Opacus differ by more than 1e-12
(per order) or 1e-10 (epsilon); each one is checked, not assumed, by the test. Commands (from the
repository root, with /tmp/privop made as privacy_golden.py's header says):

    PYTHONPATH=/tmp/privop /usr/bin/python3 src/test/python/privacy_exact.py \
        > src/test/resources/privacy/opacus_exact.json

Machine used: the sgd-lab build machine (Debian python3, numpy 1.24.2, scipy 1.10.1, mpmath 1.2.1).
"""
import functools
import json
import math
import sys

import mpmath
from scipy import special

from opacus.accountants import RDPAccountant
from opacus.accountants.analysis import rdp as rdp_analysis

mpmath.mp.dps = 40

# (q, sigma, order)
PER_ORDER = [
    (0.01, 0.5, 1.2),
    (1.0E-5, 0.5, 2.8),
    (1.0E-5, 0.5, 5.8),
    (0.01, 0.8, 1.01),
    (0.01, 0.8, 1.7),
    (0.04, 1.1, 1.01),
    (0.2, 1.1, 1.01),
    (0.5, 1.1, 1.01),
    (0.04, 1.1, 2.1),
    (0.01, 1.1, 4.75),
    (0.04, 1.5, 1.01),
    (0.2, 1.5, 1.1),
    (0.2, 1.5, 1.2),
    (0.2, 3.0, 1.01),
    (0.5, 3.0, 1.01),
    (0.5, 3.0, 1.3),
    (0.2, 3.0, 1.4),
    (0.5, 8.0, 1.01),
    (0.5, 8.0, 1.1),
    (0.5, 8.0, 1.2),
    (0.5, 8.0, 1.3),
    (0.5, 8.0, 1.4),
    (0.5, 8.0, 1.5),
    (0.5, 8.0, 1.6),
    (0.5, 8.0, 1.7),
    (0.5, 8.0, 1.8),
    (0.5, 8.0, 1.9),
    (0.5, 8.0, 2.2),
    (0.5, 8.0, 2.6),
    (0.5, 20.0, 1.01),
    (0.5, 20.0, 1.1),
    (0.5, 20.0, 1.2),
    (0.5, 20.0, 1.3),
    (0.5, 20.0, 1.4),
    (0.5, 20.0, 1.5),
    (0.5, 20.0, 1.6),
    (0.5, 20.0, 1.7),
    (0.5, 20.0, 1.8),
    (0.5, 20.0, 1.9),
    (0.5, 20.0, 2.1),
    (0.5, 20.0, 2.2),
    (0.5, 20.0, 2.3),
    (0.5, 20.0, 2.4),
    (0.5, 20.0, 2.5),
    (0.5, 20.0, 2.6),
    (0.5, 20.0, 2.8),
    (0.5, 20.0, 2.9),
    (0.5, 20.0, 3.1),
    (0.5, 20.0, 3.3),
    (0.5, 20.0, 3.5),
    (0.5, 20.0, 3.7),
    (0.5, 20.0, 3.8),
]

# The settings above whose difference the binomial does not explain (Opacus's code with the
# recurrence binomial still differs from the Java port): the exact value is computed for these.
EXACT = [(1e-05, 0.5, 2.8), (1e-05, 0.5, 5.8), (0.01, 0.5, 1.2), (0.01, 1.1, 4.75),
         (0.2, 1.5, 1.2), (0.5, 20.0, 3.1), (0.5, 20.0, 3.8),
         (0.5, 20.0, 1.01), (0.5, 20.0, 1.4), (0.2, 3.0, 1.7)]  # since ScipyBinom: within the rounding noise of a sum 1 + 1e-5

# (history, delta)
EPSILONS = [([(8.0, 0.5, 1000000)], d) for d in (1e-3, 1e-5, 1e-8)] + \
           [([(20.0, 0.5, 1000000)], d) for d in (1e-3, 1e-5, 1e-8)]


def opacus_terms(q, sigma, alpha):
    """The number of terms Opacus's fractional-order loop adds (its own stopping rule)."""
    i = 0
    z0 = sigma ** 2 * math.log(1 / q - 1) + 0.5
    while True:
        coef = special.binom(alpha, i)
        log_coef = math.log(abs(coef))
        j = alpha - i
        log_s0 = (log_coef + i * math.log(q) + j * math.log(1 - q) + (i * i - i) / (2 * (sigma ** 2))
                  + math.log(0.5) + rdp_analysis._log_erfc((i - z0) / (math.sqrt(2) * sigma)))
        log_s1 = (log_coef + j * math.log(q) + i * math.log(1 - q) + (j * j - j) / (2 * (sigma ** 2))
                  + math.log(0.5) + rdp_analysis._log_erfc((z0 - j) / (math.sqrt(2) * sigma)))
        i += 1
        if max(log_s0, log_s1) < -30:
            return i


@functools.lru_cache(maxsize=None)
def exact_rdp(q, sigma, alpha):
    """The RDP of one step: the same truncated series, in 40-digit arithmetic."""
    n = opacus_terms(q, sigma, alpha)
    q, s, a = mpmath.mpf(q), mpmath.mpf(sigma), mpmath.mpf(alpha)
    z0 = s ** 2 * mpmath.log(1 / q - 1) + mpmath.mpf(0.5)
    total = mpmath.mpf(0)
    for i in range(n):
        coef = mpmath.binomial(a, i)
        j = a - i
        total += (coef * q ** i * (1 - q) ** j * mpmath.exp((i * i - i) / (2 * s ** 2))
                  * mpmath.erfc((i - z0) / (mpmath.sqrt(2) * s)) / 2)
        total += (coef * q ** j * (1 - q) ** i * mpmath.exp((j * j - j) / (2 * s ** 2))
                  * mpmath.erfc((z0 - j) / (mpmath.sqrt(2) * s)) / 2)
    return mpmath.log(total) / (a - 1), n


class RecurrenceBinom:
    """special.binom below i = 20, then C(a, i) = C(a, i - 1)(a - i + 1)/i, as the Java port does
    (scipy evaluates 1/((a + 1) B(a - i + 1, i + 1)) there: the same value to a few ulps)."""

    def __init__(self, binom):
        self.binom = binom
        self.previous = None

    def __call__(self, a, i):
        value = self.binom(a, i) if i < 20 else self.previous * (a - (i - 1)) / i
        self.previous = value
        return value


def opacus_with_recurrence(q, sigma, alpha):
    """Opacus's own _compute_rdp with only its binomial replaced by the recurrence above."""
    binom = rdp_analysis.special.binom
    try:
        rdp_analysis.special.binom = RecurrenceBinom(binom)
        return float(rdp_analysis._compute_rdp(q, sigma, alpha))
    finally:
        rdp_analysis.special.binom = binom


def main():
    per_order = []
    for q, sigma, alpha in PER_ORDER:
        opacus = float(rdp_analysis.compute_rdp(q=q, noise_multiplier=sigma, steps=1, orders=alpha))
        case = {"q": q, "sigma": sigma, "order": alpha, "opacus": opacus,
                "opacus_with_recurrence": opacus_with_recurrence(q, sigma, alpha)}
        if (q, sigma, alpha) in EXACT:
            value, n = exact_rdp(q, sigma, alpha)
            case.update({"terms": n, "exact": float(value),
                         "opacus_relative_error": float((opacus - value) / value)})
        per_order.append(case)
    epsilons = []
    for history, delta in EPSILONS:
        accountant = RDPAccountant()
        accountant.history = list(history)
        eps, best = accountant.get_privacy_spent(delta=delta)
        recurrence = RDPAccountant()
        recurrence.history = list(history)
        binom = rdp_analysis.special.binom
        try:
            rdp_analysis.special.binom = RecurrenceBinom(binom)
            eps_recurrence, _ = recurrence.get_privacy_spent(delta=delta)
        finally:
            rdp_analysis.special.binom = binom
        epsilons.append({"history": [list(h) for h in history], "delta": delta,
                         "best_order": best, "opacus": eps,
                         "opacus_with_recurrence": eps_recurrence})
    out = {"source": "mpmath (40 digits) over Opacus's own series, src/test/python/privacy_exact.py",
           "rdp_orders": per_order, "rdp_epsilons": epsilons}
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
