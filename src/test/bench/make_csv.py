"""Writes a CSV data set for the --data benchmark: header x1,x2,x3,y, then ROWS rows of
y = 1.5 + 2*x1 - 3*x2 + 0.5*x3 + noise, every double in Python's shortest round-trip form.

Usage: python3 make_csv.py ROWS PATH   (seed fixed, so the file is the same every time)
"""
import sys

import numpy as np

rows, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.RandomState(2026)
chunk = 100_000
with open(path + ".tmp", "w", newline="") as out:
    out.write("x1,x2,x3,y\n")
    for start in range(0, rows, chunk):
        m = min(chunk, rows - start)
        x = rng.uniform(-1, 1, (m, 3))
        y = 1.5 + 2 * x[:, 0] - 3 * x[:, 1] + 0.5 * x[:, 2] + rng.randn(m)
        out.write("".join(f"{a!r},{b!r},{c!r},{v!r}\n"
                          for (a, b, c), v in zip(x.tolist(), y.tolist())))
import os
os.replace(path + ".tmp", path)
