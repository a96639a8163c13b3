"""Reference vectors for Assay's paired tests of a change (dev.assay.stats.McNemar, dev.assay.stats.DeLong).

Run once, from this directory:
    python3 paired_vectors.py > paired.json
The JUnit tests read paired.json; they never run Python.

McNemar (b = pairs only the first classifier gets right, c = only the second), from SciPy 1.17's binomial:
  exact conditional p = min(1, 2 * binom.cdf(min(b, c), b + c, 0.5))
  mid-p = exact conditional p - binom.pmf(min(b, c), b + c, 0.5), and 1 - binom.pmf(b, 2b, 0.5) / 2 when b = c
          (Fagerland, Lydersen & Laake 2013, BMC Med Res Methodol 13:91, eq. 2 and its supplement)
  chi-square = (b - c)^2 / (b + c) and its p-value chi2.sf(chi-square, 1) (Agresti 2013, section 11.1.1)
  Cases: Agresti's presidential approval ratings (b = 150, c = 86), Fagerland et al.'s airway
  hyper-responsiveness example (b = 1, c = 7), ties, zero cells, and a large table.

DeLong (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837): computed here from its definition, in exact
rational arithmetic (fractions.Fraction), O(n^2) over every positive-negative pair, on pROC's aSAH data
(asah.csv: 113 patients; outcome Poor is the positive class; the scores wfns, s100b and ndka), for the three
comparisons pROC's own tests check (tests/testthat/test-roc.test.R: Z = 2.20898359144091 and p = 0.0271757822291882
for wfns against s100b; 2.79777591868904, 0.00514557970691098 for wfns against ndka; -1.39077002573558,
0.164295175223054 for ndka against s100b).
"""
import csv
import json
import math
from fractions import Fraction

import scipy
from scipy import stats

out = {"generator": "paired_vectors.py", "scipy": scipy.__version__}

mcnemar = []
for b, c in [(150, 86), (86, 150), (1, 7), (7, 1), (0, 0), (5, 5), (0, 12), (12, 0), (3, 4), (20, 40), (1, 1),
             (0, 1), (250, 310), (1000, 1100), (4000, 4321)]:
    n = b + c
    k = min(b, c)
    if n == 0:
        exact, mid, chi, chi_p = 1.0, 1.0, None, None
    else:
        exact = min(1.0, 2 * stats.binom.cdf(k, n, 0.5))
        mid = 1 - stats.binom.pmf(b, n, 0.5) / 2 if b == c else 2 * stats.binom.cdf(k, n, 0.5) - stats.binom.pmf(k, n, 0.5)
        chi = (b - c) ** 2 / n
        chi_p = float(stats.chi2.sf(chi, 1))
    mcnemar.append({"b": b, "c": c, "exact": float(exact), "midP": float(mid), "chiSquare": chi, "chiSquareP": chi_p})
out["mcnemar"] = mcnemar

rows = list(csv.DictReader(open("asah.csv")))
y = [r["outcome"] == "Poor" for r in rows]


def psi(x, v):
    return Fraction(1) if x > v else Fraction(1, 2) if x == v else Fraction(0)


def delong(s1, s2):
    pos = [i for i in range(len(y)) if y[i]]
    neg = [i for i in range(len(y)) if not y[i]]
    m, n = len(pos), len(neg)
    v10 = [[sum(psi(s[i], s[j]) for j in neg) / n for i in pos] for s in (s1, s2)]
    v01 = [[sum(psi(s[i], s[j]) for i in pos) / m for j in neg] for s in (s1, s2)]
    auc = [sum(v) / m for v in v10]

    def cov(a, b):
        ma, mb = sum(a) / len(a), sum(b) / len(b)
        return sum((x - ma) * (z - mb) for x, z in zip(a, b)) / (len(a) - 1)

    s10 = [[cov(v10[k], v10[l]) for l in range(2)] for k in range(2)]
    s01 = [[cov(v01[k], v01[l]) for l in range(2)] for k in range(2)]
    var = (s10[0][0] + s10[1][1] - 2 * s10[0][1]) / m + (s01[0][0] + s01[1][1] - 2 * s01[0][1]) / n
    z = float(auc[0] - auc[1]) / math.sqrt(var)
    return {"positives": m, "negatives": n, "auc1": float(auc[0]), "auc2": float(auc[1]),
            "varianceNumerator": str(var.numerator), "varianceDenominator": str(var.denominator),
            "z": z, "p": math.erfc(abs(z) / math.sqrt(2))}


cases = []
for first, second in [("wfns", "s100b"), ("wfns", "ndka"), ("ndka", "s100b")]:
    r = delong([float(x[first]) for x in rows], [float(x[second]) for x in rows])
    r.update({"first": first, "second": second})
    cases.append(r)
out["delong_asah"] = cases

json.dump(out, __import__("sys").stdout, indent=1)
print()
