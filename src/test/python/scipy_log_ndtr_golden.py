"""scipy.special.log_ndtr(x) for FaddeevaTest: the arguments Opacus's _log_erfc gives it.

Opacus's fractional-order RDP adds log(0.5) + _log_erfc(...) = log(0.5) + log(2) + log_ndtr(-x*sqrt(2))
for every term of its series; io.github.sgdlab.privacy.Faddeeva ports scipy's log_ndtr (Faddeeva
erfc/erfcx) so that these agree to the bit. Writes src/test/resources/privacy/scipy_log_ndtr.json:
[[x, log_ndtr(x)], ...], every value a Python repr (round-trips to the same double). Run from the
repository root: /usr/bin/python3 src/test/python/scipy_log_ndtr_golden.py
(Debian's python3, scipy 1.10.1, numpy 1.24.2.)
"""
import json
import math
import random

import scipy
from scipy import special

rng = random.Random(20261206)
xs = [rng.uniform(-40.0, 10.0) for _ in range(1200)]          # both branches, the Chebyshev table
xs += [rng.uniform(-3.0, 3.0) for _ in range(800)]             # around the switch at x = -1
xs += [-rng.lognormvariate(3.0, 2.0) for _ in range(300)]      # far tail, the continued fraction
xs += [-1.0, 0.0, 1.0, -1e-300, -60.0, -80.0, -1e8, -1e9, 38.0]
# Every argument of Opacus's series at q = 0.5, sigma = 20, order 3.8 (200 terms).
q, sigma, alpha = 0.5, 20.0, 3.8
z0 = sigma ** 2 * math.log(1 / q - 1) + 0.5
for i in range(200):
    j = alpha - i
    for x in ((i - z0) / (math.sqrt(2) * sigma), (z0 - j) / (math.sqrt(2) * sigma)):
        xs.append(-x * 2 ** 0.5)
cases = [[x, float(special.log_ndtr(x))] for x in xs]
with open("src/test/resources/privacy/scipy_log_ndtr.json", "w") as f:
    json.dump({"source": "scipy " + scipy.__version__ + " special.log_ndtr, src/test/python/scipy_log_ndtr_golden.py",
               "cases": cases}, f, separators=(",", ":"))
print(len(cases))
