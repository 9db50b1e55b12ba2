#!/usr/bin/env bash
# Side-by-side timing of claimrecon (examples/scale.rs) and the Python library
# truthdiscovery 1.0.4 on the same synthetic claims. Not part of CI.
#
#   benches/peers/setup.sh             # once: makes benches/peers/.venv
#   benches/peers/compare.sh [N]       # N claims, default 100000
#
# Options (after N or instead of it):
#   --out DIR        where the CSVs and logs go (default benches/peers/out/N)
#   --theirs-only    skip claimrecon; generate the CSV with gen_claims.py instead of the
#                    scale example (for when the example does not build)
#   --methods LIST   comma-separated truthdiscovery methods (default: all)
#   --mem-limit-gib G / --timeout S   passed to run_truthdiscovery.py
# Environment: CARGO_JOBS=n limits cargo's build jobs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n=100000
out=""
theirs_only=0
td_args=()
while (($#)); do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --theirs-only) theirs_only=1; shift ;;
        --methods|--mem-limit-gib|--timeout) td_args+=("$1" "$2"); shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        [0-9]*) n="$1"; shift ;;
        *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[[ "$n" =~ ^[0-9]+$ ]] || { echo "compare.sh: N must be a number" >&2; exit 2; }
out="${out:-$here/out/$n}"
py="$here/.venv/bin/python"
[[ -x "$py" ]] || { echo "compare.sh: no virtualenv; run $here/setup.sh first" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"   # cargo runs from the crate root

cargo_run() {
    (cd "$root" && cargo run --release --quiet ${CARGO_JOBS:+-j "$CARGO_JOBS"} --example scale -- "$@")
}

# 1. Data.
if ((theirs_only)); then
    python3 "$here/gen_claims.py" --claims "$n" --out "$out" >&2
else
    echo "compare.sh: generating $n claims with examples/scale (builds it first if needed)" >&2
    cargo_run --generate "$n" --out "$out" >&2
fi
claims="$out/claims.csv"
truth="$out/truth.csv"
[[ -s "$claims" ]] || { echo "compare.sh: $claims was not written" >&2; exit 1; }
[[ -s "$truth" ]] || truth=""

# 2. Ours.
ours_s=""
if ! ((theirs_only)); then
    echo "compare.sh: running claimrecon" >&2
    cargo_run --csv "$claims" ${truth:+--truth "$truth"} | tee "$out/ours.log" >&2
    line="$(grep -m1 '^RESULT ' "$out/ours.log" || true)"
    [[ -n "$line" ]] || { echo "compare.sh: no RESULT line from examples/scale" >&2; exit 1; }
    field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<" $line"; }
    ours_s="$(field seconds)"
    ours_peak="$(field peak_mib)"
    ours_rate="$(field claims_per_s)"
    ours_mae="$(field mae)"
fi

# 3. Theirs (one forked process per method; peak RSS over all of them via GNU time).
echo "compare.sh: running truthdiscovery" >&2
timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f "peak_rss_kib=%M" -o "$out/theirs.time")
"${timer[@]}" "$py" "$here/run_truthdiscovery.py" ${td_args[@]+"${td_args[@]}"} "$claims" $truth \
    | tee "$out/theirs.log" >&2
theirs_peak_mib=""
[[ -s "$out/theirs.time" ]] && theirs_peak_mib="$(awk -F= '/peak_rss_kib/ {printf "%.0f", $2/1024}' "$out/theirs.time")"

# 4. Table and ratios.
echo
awk -v ours_s="$ours_s" -v ours_peak="${ours_peak:-}" -v ours_rate="${ours_rate:-}" -v ours_mae="${ours_mae:-}" \
    -v their_peak="$theirs_peak_mib" '
function kv(key,   i, p) { for (i = 1; i <= NF; i++) { split($i, p, "="); if (p[1] == key) return p[2] } return "" }
/^load / { load = kv("seconds"); rows = kv("rows") }
/^dataset / { ds = kv("seconds"); distinct = kv("claims") }
/^method=/ {
    m = kv("method"); s = kv("seconds"); st = $0; sub(/^[^ ]* [^ ]* status=/, "", st); if (st ~ /^ok( |$)/) st = "ok"
    mae = kv("mae"); nm++; name[nm] = m; secs[nm] = s; stat[nm] = st; err[nm] = mae
    if (st == "ok" && (best == "" || s + 0 < best + 0)) { best = s; bestm = m }
    if (st == "ok" && m != "MajorityVoting" && (bestit == "" || s + 0 < bestit + 0)) { bestit = s; bestitm = m }
}
END {
    printf "claims=%s (truthdiscovery distinct (variable,value) pairs=%s)\n\n", rows, distinct
    printf "%-34s %10s  %-8s %s\n", "tool / method", "seconds", "mae", "status"
    if (ours_s != "") printf "%-34s %10.3f  %-8s %s\n", "claimrecon (end to end)", ours_s, ours_mae, "ok peak_mib=" ours_peak " claims_per_s=" ours_rate
    printf "%-34s %10.3f  %-8s %s\n", "truthdiscovery: read CSV", load, "", "ok"
    printf "%-34s %10.3f  %-8s %s\n", "truthdiscovery: build Dataset", ds, "", "ok"
    for (i = 1; i <= nm; i++) printf "%-34s %10.3f  %-8s %s\n", "truthdiscovery: " name[i], secs[i], err[i], substr(stat[i], 1, 90)
    if (their_peak != "") printf "truthdiscovery peak RSS over all methods: %s MiB\n", their_peak
    print ""
    if (best == "") { print "no truthdiscovery method succeeded"; exit }
    if (ours_s == "" || ours_s + 0 <= 0) { printf "fastest truthdiscovery method: %s %.3f s (claimrecon not run)\n", bestm, best; exit }
    printf "ratio (fastest truthdiscovery method %s, algorithm only) / claimrecon end to end: %.2f\n", bestm, best / ours_s
    printf "ratio (truthdiscovery read+Dataset+%s) / claimrecon end to end: %.2f\n", bestm, (load + ds + best) / ours_s
    if (bestit != "") printf "ratio (fastest source-weighting method %s, read+Dataset+algorithm) / claimrecon end to end: %.2f\n", bestitm, (load + ds + bestit) / ours_s
}' "$out/theirs.log"
