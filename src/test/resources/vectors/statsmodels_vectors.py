"""Reference vectors from statsmodels for Assay's intervals, z-test and multiple-comparison adjustment.

Run once, with Debian's python3-statsmodels 0.13.5 (the versions are recorded in the output), from this
directory:
    /usr/bin/python3 statsmodels_vectors.py > statsmodels.json
The JUnit tests read statsmodels.json; they never run Python.

Functions used:
  statsmodels.stats.proportion.proportion_confint(count, nobs, alpha, method="wilson")
  statsmodels.stats.proportion.confint_proportions_2indep(c1, n1, c2, n2, method="newcomb", compare="diff")
  statsmodels.stats.proportion.confint_proportions_2indep(c1, n1, c2, n2, method="log", compare="ratio")  (Katz)
  statsmodels.stats.proportion.proportions_ztest([c1, c2], [n1, n2])   (pooled variance, two-sided)
  statsmodels.stats.multitest.multipletests(p, method="fdr_bh")
A value statsmodels cannot give (a division by zero: inf or nan) is stored as null: Assay calls it undefined.
"""
import json
import sys
import warnings

import numpy as np
import scipy
import statsmodels
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest

warnings.simplefilter("ignore")


def num(v):
    v = float(v)
    return None if not np.isfinite(v) else v


out = {"generator": "statsmodels_vectors.py", "statsmodels": statsmodels.__version__, "scipy": scipy.__version__,
       "numpy": np.__version__}

wilson = []
for x, n in [(0, 1), (1, 1), (0, 10), (10, 10), (3, 10), (1, 3), (17, 29), (500, 1000), (1, 100000)]:
    for confidence in [0.95, 0.9, 0.99]:
        lo, hi = proportion_confint(x, n, alpha=1 - confidence, method="wilson")
        wilson.append({"x": x, "n": n, "confidence": confidence, "lower": num(lo), "upper": num(hi)})
out["wilson"] = wilson

pairs = [(3, 10, 5, 12), (0, 10, 0, 10), (0, 10, 4, 10), (10, 10, 3, 10), (10, 10, 10, 10), (1, 2, 0, 3),
         (45, 100, 60, 100), (805, 1795, 349, 1488), (7, 25, 1, 30)]
two = []
for x1, n1, x2, n2 in pairs:
    for confidence in [0.95, 0.9]:
        alpha = 1 - confidence
        dlo, dhi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=alpha)
        if x1 > 0 and x2 > 0:
            rlo, rhi = confint_proportions_2indep(x1, n1, x2, n2, method="log", compare="ratio", alpha=alpha)
        else:
            rlo = rhi = float("nan")  # the log ratio is unbounded: statsmodels divides by zero
        row = {"x1": x1, "n1": n1, "x2": x2, "n2": n2, "confidence": confidence,
               "newcombe": [num(dlo), num(dhi)], "katz": [num(rlo), num(rhi)]}
        if confidence == 0.95:
            z, p = proportions_ztest([x1, x2], [n1, n2])
            row["z"] = num(z)
            row["z_p"] = num(p)
        two.append(row)
out["two_proportions"] = two

bh = []
for p in [[0.01, 0.04, 0.03, 0.005], [0.001, 0.049, 0.05, 0.9], [0.02, 0.02, 0.02, 0.5], [0.0, 0.0, 1.0, 1.0],
          [0.3], [0.04, 0.01, 0.04, 0.01, 0.2, 0.7, 0.04], [1e-20, 0.5, 0.5000000001, 0.049999]]:
    bh.append({"p": p, "adjusted": [float(v) for v in multipletests(p, method="fdr_bh")[1]]})
out["benjamini_hochberg"] = bh

json.dump(out, sys.stdout, indent=1)
print()
