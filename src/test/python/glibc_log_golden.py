"""glibc's log (through Python's math.log) for GlibcLogTest.

Writes src/test/resources/privacy/glibc_log.json: [[x, log(x)], ...], every value a Python repr
(round-trips to the same double). The arguments: both branches (within 1/16 of 1, and the table),
the whole positive range, subnormals, and the arguments of the _log_sub steps where Math.log and
glibc's log were found to differ. Run from the repository root:
/usr/bin/python3 src/test/python/glibc_log_golden.py
Machine used: the sgd-lab build machine, x86-64 with FMA (glibc 2.36 then runs __log_fma).
"""
import json
import math
import random

rng = random.Random(20261206)
xs = [rng.uniform(0.0, 100.0) for _ in range(1000)]
xs += [math.exp(rng.uniform(-700.0, 700.0)) for _ in range(1000)]
xs += [rng.uniform(0.93, 1.07) for _ in range(1000)]            # the branch near 1
xs += [rng.uniform(1e-310, 1e-307) for _ in range(100)]          # subnormals
xs += [1.0, 0.5, 2.0, 1.0 - 2 ** -53, 1.0 + 2 ** -52, 5e-324, 1.7976931348623157e308]
xs += [float.fromhex("0x1.1192877016854p+45"), float.fromhex("0x1.4f926987fba04p+35")]  # log(expm1(d))
cases = [[x, math.log(x)] for x in xs]
with open("src/test/resources/privacy/glibc_log.json", "w") as f:
    json.dump({"source": "glibc math.log via Python, src/test/python/glibc_log_golden.py",
               "cases": cases}, f, separators=(",", ":"))
print(len(cases))
