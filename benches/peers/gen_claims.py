#!/usr/bin/env python3
"""Stand-in synthetic claims generator (stdlib only) for testing run_truthdiscovery.py
when the crate's `scale` example is not available.

Writes DIR/claims.csv (source,object,attribute,value) and DIR/truth.csv
(object,attribute,value). Every source claims every variable once, so the row count is
sources * objects * attributes (rounded to reach at least N rows). 
--mode categorical (default): integer values; each source reports the truth exactly with
probability equal to its reliability, otherwise the truth plus Gaussian noise (10% sd,
rounded), and 2% of claims are outliers (truth x 10 or a uniform random number). Many
sources agree exactly, as voting-style methods expect.
--mode continuous: every claim is the truth plus Gaussian noise (sd 2%..20% of the truth,
by source reliability) with two decimals, plus the same 2% outliers, so nearly every
claim is a distinct value.
"""
import argparse
import csv
import math
import os
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000, help="rows to write (approx.)")
    ap.add_argument("--sources", type=int, default=100)
    ap.add_argument("--attributes", type=int, default=1)
    ap.add_argument("--mode", choices=["categorical", "continuous"], default="categorical")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output directory")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    n_vars = max(1, math.ceil(a.claims / a.sources))
    n_objects = max(1, math.ceil(n_vars / a.attributes))
    attrs = ["attr%d" % i for i in range(a.attributes)]
    reliab = [rng.uniform(0.3, 0.95) for _ in range(a.sources)]
    os.makedirs(a.out, exist_ok=True)

    truth = {}
    with open(os.path.join(a.out, "truth.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["object", "attribute", "value"])
        for o in range(n_objects):
            for at in attrs:
                v = int(math.exp(rng.uniform(math.log(5), math.log(5000))))
                truth[(o, at)] = v
                w.writerow(["obj%d" % o, at, v])

    rows = 0
    with open(os.path.join(a.out, "claims.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "object", "attribute", "value"])
        for (o, at), t in truth.items():
            for s in range(a.sources):
                u = rng.random()
                if u < 0.02:
                    v = t * 10 if rng.random() < 0.5 else rng.randint(0, 10_000)
                elif a.mode == "continuous":
                    v = round(rng.gauss(t, (1.0 - reliab[s]) * 0.3 * t + 1), 2)
                elif rng.random() < reliab[s]:
                    v = t
                else:
                    v = max(0, round(rng.gauss(t, 0.1 * t + 1)))
                w.writerow(["src%d" % s, "obj%d" % o, at, v])
                rows += 1
    print("wrote %d claims, %d variables, %d sources to %s" % (rows, len(truth), a.sources, a.out))


if __name__ == "__main__":
    main()
