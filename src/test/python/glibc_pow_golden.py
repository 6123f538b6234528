"""glibc's pow (through Python's math.pow) for GlibcPowTest.

Writes src/test/resources/privacy/glibc_pow.json: [[x, y, pow(x, y)], ...], every value a Python
repr (round-trips to the same double), for the case GlibcPow ports (x positive and normal, y finite):
cephes stirf's pow(x, x - 0.5) and pow(x, 0.5 x - 0.25) for x in [33, 172], and random pairs over a
wide range. Run from the repository root: /usr/bin/python3 src/test/python/glibc_pow_golden.py
Machine used: the sgd-lab build machine, x86-64 with FMA (glibc 2.36 then runs __pow_fma).
"""
import json
import math
import random

rng = random.Random(20261206)
pairs = []
for _ in range(800):
    x = rng.uniform(33.0, 172.0)
    pairs += [(x, x - 0.5), (x, 0.5 * x - 0.25)]
pairs += [(rng.uniform(0.01, 100.0), rng.uniform(-50.0, 50.0)) for _ in range(800)]
pairs += [(math.exp(rng.uniform(-700.0, 700.0)), rng.uniform(-1.0, 1.0)) for _ in range(400)]
pairs += [(101.8, 101.3), (153.4, 76.45), (2.0, 0.5), (1.0, 3.7), (10.0, -300.0)]
cases = []
for x, y in pairs:
    try:
        cases.append([x, y, math.pow(x, y)])
    except OverflowError:
        pass
with open("src/test/resources/privacy/glibc_pow.json", "w") as f:
    json.dump({"source": "glibc math.pow via Python, src/test/python/glibc_pow_golden.py",
               "cases": cases}, f, separators=(",", ":"))
print(len(cases))
