#!/usr/bin/env python3
"""Two baselines for the changing states of an examples/scale table (attribute `state`).

Usage: python3 benches/scripts/changing_states.py DIR
where DIR holds claims.csv and truth.csv from
`cargo run --release --example scale -- --generate N --out DIR --changing P`.

Prints the share of states whose last day's value each baseline gets right:
- the last day's majority: the value most reports of the latest reported day give (a tie is
  wrong);
- one change: the day the state changes (or none) and the values before and after that
  agree with the most reports, every report counted once, unweighted. The generator flips
  each state exactly once, so this baseline knows something real states do not promise.
"""
import collections
import csv
import sys


def main(d):
    truth = {}
    with open(f"{d}/truth.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["attribute"] == "state":
                truth[r["object"]] = r["value"]
    reports = collections.defaultdict(list)
    with open(f"{d}/claims.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["attribute"] == "state":
                reports[r["object"]].append((r["as_of"], r["value"]))
    majority = one_change = 0
    for obj, true_value in truth.items():
        rs = reports[obj]
        days = sorted({day for day, _ in rs})
        counts = collections.Counter(v for day, v in rs if day == days[-1])
        top = counts.most_common(2)
        if top[0][0] == true_value and (len(top) == 1 or top[0][1] > top[1][1]):
            majority += 1
        best = None
        for k in range(len(days) + 1):
            start = days[k] if k < len(days) else None
            for before in ("yes", "no"):
                for after in ("yes", "no"):
                    agree = sum(
                        v == (after if start is not None and day >= start else before)
                        for day, v in rs
                    )
                    if best is None or agree > best[0]:
                        best = (agree, after if start is not None else before)
        if best[1] == true_value:
            one_change += 1
    n = len(truth)
    print(f"{d}: {n} states; last day's majority {majority / n:.3f}, one change {one_change / n:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
