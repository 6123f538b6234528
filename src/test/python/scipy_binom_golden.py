"""scipy.special.binom(alpha, k) at the orders the RDP accountant uses, for ScipyBinomTest.

Writes src/test/resources/privacy/scipy_binom.json: [[alpha, k, binom], ...], every value a
Python repr (round-trips to the same double). Run: /usr/bin/python3 src/test/python/scipy_binom_golden.py
"""
import json
import random

import scipy
from scipy import special

# Opacus's default orders, the listed orders, some fractional ones in (1, 300).
orders = [1 + x / 10.0 for x in range(1, 100)] + list(range(12, 64)) + [1.01, 1.2, 1.7, 2.1, 2.8,
          4.75, 5.8, 10.5, 20.25, 33.3, 47.5, 64.0, 100.5, 128.0, 255.5, 256.0]
rng = random.Random(20261206)
orders += [round(rng.uniform(1.0, 300.0), rng.choice([1, 2, 6, 15])) for _ in range(40)]
pairs = []
for alpha in orders:
    for k in sorted(set([0, 1, 2, 19, 20, 21] + [rng.randrange(0, 400) for _ in range(8)])):
        pairs.append([alpha, k, float(special.binom(alpha, k))])
# Every coefficient of the order 1.01 series at q = 0.5, sigma = 20 (it runs to a few hundred terms).
pairs += [[1.01, k, float(special.binom(1.01, k))] for k in range(22, 4000)]
with open("src/test/resources/privacy/scipy_binom.json", "w") as f:
    json.dump({"source": "scipy " + scipy.__version__ + " special.binom, src/test/python/scipy_binom_golden.py",
               "cases": pairs}, f, separators=(",", ":"))
print(len(pairs))
