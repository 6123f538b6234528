#!/usr/bin/env python3
"""High-precision reference values for the RDP values where Opacus's own double result is not
determined to the issue's tolerance (src/test/resources/privacy/opacus_exact.json).

Opacus's fractional-order RDP is log(A)/(alpha - 1) with A a sum of O(1) terms; where A is
1 + 1e-8 or so, a double sum of O(1) terms cannot resolve log(A) to 1e-12 relative (one ulp of an
O(1) term is already 2e-16 of A). The Java port evaluates the same terms as Opacus, bit for bit
(ScipyBinom, Faddeeva, GlibcExp, GlibcLog), so today no setting is listed; the machinery stays for
the day one is. For a listed setting this script evaluates, with mpmath at 40 digits, exactly the
series Opacus's _compute_log_a_for_frac_alpha evaluates (same terms, same truncation: the number of
terms is taken from running Opacus's own loop). OpacusGoldenTest asserts every other value against
Opacus strictly, and each listed one against these values (within the tolerance of the exact
value, or no more than twice as far from it as Opacus's own value is).

The settings listed are those where the Java accountant and Opacus differ by more than 1e-12
(per order) or 1e-10 (epsilon); each one is checked, not assumed, by the test. Commands (from the
repository root, with /tmp/privop made as privacy_golden.py's header says):

    PYTHONPATH=/tmp/privop /usr/bin/python3 src/test/python/privacy_exact.py \
        > src/test/resources/privacy/opacus_exact.json

Machine used: the sgd-lab build machine (Debian python3, numpy 1.24.2, scipy 1.10.1, mpmath 1.2.1,
glibc 2.36).
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

# (q, sigma, order, cause): none left. Since GlibcLog the last two (q = 1e-5, sigma = 0.5, order 2.8;
# q = 0.2, sigma = 3, order 1.7), where glibc's log(expm1(d)) in _log_sub is one ulp from the correctly
# rounded value that Math.log returned, equal Opacus's bit for bit. A new entry names its measured cause.
PER_ORDER = []

# (history, delta): none left since Faddeeva (every RDP epsilon of the golden equals Opacus's).
EPSILONS = []


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


def main():
    per_order = []
    for q, sigma, alpha, cause in PER_ORDER:
        opacus = float(rdp_analysis.compute_rdp(q=q, noise_multiplier=sigma, steps=1, orders=alpha))
        value, n = exact_rdp(q, sigma, alpha)
        per_order.append({"q": q, "sigma": sigma, "order": alpha, "opacus": opacus, "cause": cause,
                          "terms": n, "exact": float(value),
                          "opacus_relative_error": float((opacus - value) / value)})
    epsilons = []
    for history, delta in EPSILONS:
        accountant = RDPAccountant()
        accountant.history = list(history)
        eps, best = accountant.get_privacy_spent(delta=delta)
        epsilons.append({"history": [list(h) for h in history], "delta": delta,
                         "best_order": best, "opacus": eps})
    out = {"source": "mpmath (40 digits) over Opacus's own series, src/test/python/privacy_exact.py",
           "rdp_orders": per_order, "rdp_epsilons": epsilons}
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
