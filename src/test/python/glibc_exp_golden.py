"""glibc's exp (through Python's math.exp) for GlibcExpTest.

Writes src/test/resources/privacy/glibc_exp.json: [[x, exp(x)], ...], every value a Python repr
(round-trips to the same double). The arguments: the range scipy's binom and log_ndtr reach, the
whole finite range, the subnormal results, tiny arguments and the ends. Run from the repository
root: /usr/bin/python3 src/test/python/glibc_exp_golden.py
Machine used: the sgd-lab build machine, x86-64 with FMA (glibc 2.36 then runs __exp_fma).
"""
import json
import math
import random

rng = random.Random(20261206)
xs = [rng.uniform(-30.0, 30.0) for _ in range(1500)]
xs += [rng.uniform(-745.0, 709.0) for _ in range(800)]
xs += [rng.uniform(-745.1, -708.0) for _ in range(300)]   # subnormal results
xs += [rng.uniform(-1e-3, 1e-3) for _ in range(200)]
xs += [float(k) for k in range(-40, 200)]                  # whole numbers (stirf's e^x)
xs += [0.0, -0.0, 1e-300, -1e-17, 709.782712893384, -745.1332191019411, -746.0, 512.0, -512.0]
cases = [[x, math.exp(x)] for x in xs]
with open("src/test/resources/privacy/glibc_exp.json", "w") as f:
    json.dump({"source": "glibc math.exp via Python, src/test/python/glibc_exp_golden.py",
               "cases": cases}, f, separators=(",", ":"))
print(len(cases))
