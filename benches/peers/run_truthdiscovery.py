#!/usr/bin/env python3
"""Run the algorithms of the Python library `truthdiscovery` (1.0.4) on a claims CSV and
time each one.

Input: CSV with header source,object,attribute,value (value numeric); the pair
(object, attribute) names one variable. Optional truth CSV with header
object,attribute,value gives each method's mean absolute error.

Each method runs in a forked child process (the dataset is built once in the parent and
inherited), under an address-space cap (--mem-limit-gib) and a time limit (--timeout),
so that a method that exhausts memory reports MemoryError instead of waking the kernel's
OOM killer on a shared machine.

Output, one line each:
  load rows=<n> seconds=<s>
  dataset rows=<n> sources=<n> variables=<n> claims=<distinct (variable,value)> duplicates_dropped=<n> seconds=<s>
  method=<name> seconds=<s> status=<ok|error: ...> [iterations=<n>] [mae=<x> ...]
`seconds` for a method is wall clock (time.perf_counter) of algorithm.run(dataset), which
includes the library's own conversion of its result to dicts; it excludes loading and
dataset construction, reported on their own lines.
"""
import argparse
import csv
import multiprocessing as mp
import os
import resource
import sys
import time
import traceback

# Keep BLAS single-threaded (2 shared cores); must be set before numpy is imported.
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import truthdiscovery as td  # noqa: E402

# Every algorithm class that truthdiscovery 1.0.4 exports (truthdiscovery.algorithm).
# All work on any Dataset: values are treated as categorical labels.
METHODS = [
    "MajorityVoting",
    "Sums",
    "AverageLog",
    "Investment",
    "PooledInvestment",
    "TruthFinder",
    "UnboundedSums",
    "CRH",
]


def parse_number(text):
    f = float(text)
    return int(f) if f.is_integer() else f


def load_claims(path):
    triples = []
    with open(path, newline="") as fh:
        r = csv.DictReader(fh)
        missing = {"source", "object", "attribute", "value"} - set(r.fieldnames or [])
        if missing:
            sys.exit("claims CSV lacks columns: %s" % ", ".join(sorted(missing)))
        for row in r:
            triples.append((row["source"], (row["object"], row["attribute"]),
                            parse_number(row["value"])))
    return triples


def load_truth(path):
    with open(path, newline="") as fh:
        return {(row["object"], row["attribute"]): float(row["value"])
                for row in csv.DictReader(fh)}


def pick(result, var):
    """Most believed value for var; ties broken by the first value the library lists
    (its dict order, i.e. first claimed)."""
    best = None
    best_b = None
    for val, b in result.belief[var].items():
        if best_b is None or b > best_b:
            best, best_b = val, b
    return best


def child(name, dataset, truth, mem_limit, conn):
    try:
        if mem_limit:
            resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))
        alg = getattr(td, name)()
        t0 = time.perf_counter()
        res = alg.run(dataset)
        secs = time.perf_counter() - t0
        out = {"seconds": secs, "status": "ok", "iterations": res.iterations}
        if truth is not None:
            errs = [abs(float(pick(res, var)) - t)
                    for var, t in truth.items() if var in res.belief]
            out["mae"] = sum(errs) / len(errs) if errs else float("nan")
            out["scored"] = len(errs)
        conn.send(out)
    except BaseException as e:  # MemoryError, ConvergenceError, anything
        secs = time.perf_counter() - t0 if "t0" in locals() else 0.0
        msg = "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
        conn.send({"seconds": secs, "status": "error: " + msg.strip(),
                   "trace": traceback.format_exc(limit=3)})
    finally:
        conn.close()


def run_method(name, dataset, truth, mem_limit, timeout):
    ctx = mp.get_context("fork")
    parent, kid = ctx.Pipe(duplex=False)
    t0 = time.perf_counter()
    p = ctx.Process(target=child, args=(name, dataset, truth, mem_limit, kid))
    p.start()
    kid.close()
    out = None
    if parent.poll(timeout) or (not p.is_alive() and parent.poll(0)):
        try:
            out = parent.recv()
        except EOFError:
            out = None
    wall = time.perf_counter() - t0
    if out is None and p.is_alive():
        p.kill()
        p.join()
        return {"seconds": wall, "status": "error: timeout after %gs" % timeout}
    p.join()
    if out is None:
        code = p.exitcode
        why = ("killed by signal %d%s" % (-code, " (OOM killer?)" if code == -9 else "")
               if code is not None and code < 0 else "exit code %s" % code)
        return {"seconds": wall, "status": "error: child died, " + why}
    return out


def main():
    ap = argparse.ArgumentParser(description="time truthdiscovery's algorithms on a claims CSV")
    ap.add_argument("claims", help="CSV: source,object,attribute,value")
    ap.add_argument("truth", nargs="?", help="optional CSV: object,attribute,value")
    ap.add_argument("--methods", default=",".join(METHODS),
                    help="comma-separated subset of: " + ",".join(METHODS))
    ap.add_argument("--mem-limit-gib", type=float, default=16.0,
                    help="address-space cap per method process, 0 = none (default 16)")
    ap.add_argument("--timeout", type=float, default=1800.0,
                    help="seconds per method before it is killed (default 1800)")
    ap.add_argument("--verbose", action="store_true", help="print tracebacks of failures")
    a = ap.parse_args()

    methods = [m.strip() for m in a.methods.split(",") if m.strip()]
    for m in methods:
        if not hasattr(td, m):
            sys.exit("truthdiscovery has no algorithm %r" % m)

    t0 = time.perf_counter()
    triples = load_claims(a.claims)
    truth = load_truth(a.truth) if a.truth else None
    print("load rows=%d seconds=%.3f" % (len(triples), time.perf_counter() - t0), flush=True)

    t0 = time.perf_counter()
    # allow_multiple: a source's repeated claims on one variable keep the first value
    # (the library raises otherwise); the count dropped is reported.
    ds = td.Dataset(triples, allow_multiple=True)
    secs = time.perf_counter() - t0
    kept = ds.sc.nnz
    print("dataset rows=%d sources=%d variables=%d claims=%d duplicates_dropped=%d seconds=%.3f"
          % (len(triples), ds.num_sources, ds.num_variables, ds.num_claims,
             len(triples) - kept, secs), flush=True)
    del triples

    mem_limit = int(a.mem_limit_gib * 2**30) if a.mem_limit_gib > 0 else 0
    for m in methods:
        r = run_method(m, ds, truth, mem_limit, a.timeout)
        line = "method=%s seconds=%.3f status=%s" % (m, r["seconds"], r["status"])
        if r.get("iterations") is not None:
            line += " iterations=%d" % r["iterations"]
        if "mae" in r:
            line += " mae=%.4g scored=%d" % (r["mae"], r["scored"])
        print(line, flush=True)
        if a.verbose and "trace" in r:
            print(r["trace"], file=sys.stderr)


if __name__ == "__main__":
    main()
