"""Reference vectors from SciPy for Assay's statistics (dev.assay.stats.Tests, metric.drift).

Run once, with SciPy 1.17 (the version recorded in the output), from this directory:
    python3 scipy_vectors.py > scipy.json
The JUnit tests read scipy.json; they never run Python.

Functions used:
  scipy.stats.fisher_exact(table, alternative="two-sided")
  scipy.stats.chi2_contingency(table, correction=False)       (Pearson, no Yates correction)
  scipy.stats.ks_2samp(x, y, method="exact" | "asymp" | "auto")
  scipy.spatial.distance.jensenshannon(p, q)                   (natural log)
  scipy.stats.wasserstein_distance(u, v) / numpy.std(v)        (Evidently's normalization: the baseline's
                                                                population standard deviation)
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

def num(v):
    """A float for JSON; NaN (SciPy's "undefined") becomes null."""
    v = float(v)
    return None if np.isnan(v) else v


out = {"generator": "scipy_vectors.py", "scipy": scipy.__version__, "numpy": np.__version__}

# Fisher's exact test, two-sided, of [[x1, n1 - x1], [x2, n2 - x2]]: small samples, zero cells, symmetric tables.
fisher = []
for x1, n1, x2, n2 in [(3, 4, 1, 4), (4, 4, 0, 4), (0, 10, 0, 10), (10, 10, 10, 10), (0, 5, 5, 5), (2, 4, 2, 4),
                       (10, 20, 3, 25), (0, 1, 1, 1), (7, 7, 0, 9), (12, 40, 25, 40), (1, 100, 3, 100),
                       (5, 30, 15, 31), (1, 2, 0, 3), (150, 600, 110, 640), (0, 29, 4, 1000)]:
    p = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative="two-sided").pvalue
    fisher.append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "p": float(p)})
out["fisher_exact"] = fisher

# Pearson's chi-square test of independence of a k x 2 table (successes, failures per group), without Yates's
# correction. SciPy refuses an all-zero row (an expected count of 0); Assay leaves empty groups out, and so
# does this script: "trials" keeps them, the test is on the rows that have any.
chi = []
for successes, trials in [([3, 1], [4, 4]), ([10, 20], [20, 20]), ([0, 5], [10, 10]), ([0, 3, 7], [10, 10, 10]),
                          ([5, 0, 9, 2], [12, 7, 30, 2]), ([40, 55, 61], [100, 100, 100]), ([4, 0, 6], [10, 0, 10]),
                          ([1369 + 805, 505 + 349], [3696, 2454])]:
    table = [[s, t - s] for s, t in zip(successes, trials) if t > 0]
    r = stats.chi2_contingency(table, correction=False)
    chi.append({"successes": successes, "trials": trials, "statistic": float(r.statistic), "p": float(r.pvalue),
                "dof": int(r.dof)})
out["chi_square_independence"] = chi

# Two-sample chi-square of category counts (drift): the 2 x k contingency table [evaluation; baseline].
chi2 = []
for e, b in [([50, 50], [25, 75]), ([10, 0, 5], [3, 4, 8]), ([120, 40, 40], [100, 60, 40]), ([1, 1, 30], [2, 0, 28])]:
    r = stats.chi2_contingency([e, b], correction=False)
    chi2.append({"evaluation": e, "baseline": b, "statistic": float(r.statistic), "p": float(r.pvalue)})
out["chi_square_two_sample"] = chi2

# Kolmogorov-Smirnov, two-sample, two-sided. Data sets with ties, complete separation, equal and unequal sizes.
rng = np.random.default_rng(20240514)
samples = {
    "separation_5_5": ([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]),
    "separation_3_7": ([10.5, 11, 12], [1, 2, 2, 3, 4, 5, 6]),
    "ties_integers": ([1, 1, 2, 2, 2, 3, 4, 4, 5], [2, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6]),
    "ties_across": ([0, 0, 0, 1, 1], [0, 1, 1, 1, 1, 1]),
    "identical": ([1, 2, 3], [1, 2, 3]),
    "equal_sizes": (list(np.round(rng.normal(0, 1, 40), 2)), list(np.round(rng.normal(0.5, 1, 40), 2))),
    "unequal_sizes": (list(np.round(rng.normal(0, 1, 37), 1)), list(np.round(rng.normal(0.3, 1.2, 53), 1))),
    "rounded_large": (list(np.round(rng.normal(0, 1, 700), 1)), list(np.round(rng.normal(0.1, 1, 1000), 1))),
    "one_each": ([1.0], [2.0]),
}
ks = []
for name, (x, y) in samples.items():
    row = {"name": name, "evaluation": [float(v) for v in x], "baseline": [float(v) for v in y]}
    for method in ["exact", "asymp", "auto"]:
        r = stats.ks_2samp(x, y, method=method)
        row[method] = {"statistic": num(r.statistic), "p": num(r.pvalue)}
    ks.append(row)
out["ks_2samp"] = ks

# Large samples, beyond the exact method's reach in "auto" (max(n, m) > 10,000): only the sizes, D and p are
# stored (the data are long); the p-value is kstwo.sf(D, round(n m / (n + m))).
ks_large = []
for n, m, shift in [(12000, 15000, 0.03), (10001, 400, 0.1), (20000, 20000, 0.0)]:
    x = np.round(rng.normal(0, 1, n), 3)
    y = np.round(rng.normal(shift, 1, m), 3)
    r = stats.ks_2samp(x, y, method="auto")
    e = stats.ks_2samp(x, y, method="exact") if n * m <= 10001 * 400 else None
    ks_large.append({"n": n, "m": m, "statistic": float(r.statistic), "auto_p": float(r.pvalue),
                     "exact_p": None if e is None else float(e.pvalue)})
out["ks_2samp_large"] = ks_large

# Jensen-Shannon distance of two count vectors (normalized by jensenshannon itself), natural log; zero cells.
js = []
for e, b in [([50, 50], [25, 75]), ([10, 0, 5], [3, 4, 8]), ([1, 0], [0, 1]), ([7, 7, 7], [7, 7, 7]),
             ([0, 3, 9, 1], [4, 0, 2, 2])]:
    js.append({"evaluation": e, "baseline": b, "distance": float(jensenshannon(e, b))})
out["jensen_shannon"] = js

# Wasserstein-1 distance over the baseline's population standard deviation, with the PSI over the baseline's
# deciles (numpy.quantile, linear: DuckDB's quantile_cont), empty bins at 1e-4, computed here with numpy as
# Evidently's formula (PSI is no SciPy function).
def psi(x, y):
    cuts = sorted(set(np.quantile(y, [k / 10 for k in range(1, 10)], method="linear")))
    e = np.bincount(np.searchsorted(cuts, x, side="right"), minlength=len(cuts) + 1) / len(x)
    b = np.bincount(np.searchsorted(cuts, y, side="right"), minlength=len(cuts) + 1) / len(y)
    e = np.maximum(e, 1e-4)
    b = np.maximum(b, 1e-4)
    return float(np.sum((e - b) * np.log(e / b)))

numeric = []
for name in ["ties_integers", "ties_across", "equal_sizes", "unequal_sizes", "separation_3_7", "rounded_large"]:
    x, y = samples[name]
    numeric.append({"name": name, "evaluation": [float(v) for v in x], "baseline": [float(v) for v in y],
                    "wasserstein_normalized": float(stats.wasserstein_distance(x, y) / np.std(y)),
                    "psi": psi(np.array(x), np.array(y))})
out["numeric_drift"] = numeric

json.dump(out, sys.stdout, indent=1)
print()
