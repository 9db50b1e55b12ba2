#!/usr/bin/env bash
# Install the Python truth-discovery library `truthdiscovery` 1.0.4 into its own
# virtualenv at benches/peers/.venv, for the side-by-side comparison in compare.sh.
# Not part of CI. Needs root (or sudo) for apt when libcairo2-dev/pkg-config are missing.
#   setup.sh            resolve the dependencies afresh (what produced requirements.lock)
#   setup.sh --locked   install exactly the versions in requirements.lock
# VENV=dir overrides the virtualenv location.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${VENV:-$here/.venv}"
python="${PYTHON:-python3}"

# pycairo builds from source and needs the cairo headers and pkg-config.
missing=()
for pkg in libcairo2-dev pkg-config; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "setup: installing ${missing[*]} with apt-get" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
pip="$venv/bin/pip"
"$pip" install -q --upgrade pip

if [[ "${1:-}" == "--locked" ]]; then
    # Reproduce the exact set recorded in requirements.lock (complete, so --no-deps:
    # truthdiscovery's own metadata pins would otherwise conflict).
    "$pip" install -q --no-deps -r "$here/requirements.lock"
else
    # truthdiscovery's own metadata pins versions that no longer install (e.g. an old
    # numpy); install it without deps and its runtime deps with normal resolution.
    "$pip" install -q --no-deps truthdiscovery==1.0.4
    "$pip" install -q "numpy<2" scipy "bidict==0.22.1" imageio matplotlib pyyaml "pycairo==1.23.0"
fi

"$venv/bin/python" -c 'import truthdiscovery, numpy, scipy; print("setup: truthdiscovery ok, numpy", numpy.__version__, "scipy", scipy.__version__)'
echo "setup: done; 'pip check' complaints about truthdiscovery's exact pins (numpy==1.24.2, Werkzeug, ...) are expected" >&2
echo "setup: to refresh the lock file: $pip freeze > $here/requirements.lock" >&2
