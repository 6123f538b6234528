#!/usr/bin/env python3
"""One Opacus accountant call as a whole process, the peer of one `sgd-lab privacy` command in
src/test/bench/privacy.sh's whole-command timing (interpreter start, imports and the call).
Usage: privacy_opacus_cli.py epsilon SIGMA Q STEPS DELTA | noise EPSILON DELTA Q STEPS"""
import sys
import warnings

from opacus.accountants import PRVAccountant
from opacus.accountants.utils import get_noise_multiplier

warnings.simplefilter("ignore")

if sys.argv[1] == "epsilon":
    sigma, q, steps, delta = map(float, sys.argv[2:6])
    accountant = PRVAccountant()
    accountant.history = [(sigma, q, int(steps))]
    print(accountant.get_epsilon(delta=delta))
else:
    target, delta, q, steps = map(float, sys.argv[2:6])
    print(get_noise_multiplier(target_epsilon=target, target_delta=delta, sample_rate=q,
                               steps=int(steps), accountant="prv"))
