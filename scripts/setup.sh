#!/usr/bin/env bash
# Set up this checkout on Debian 12: the Debian packages in packaging/debian-packages.txt
# and a virtualenv in .venv with the kiosk installed in development mode. Safe to run
# again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# -- Debian packages --------------------------------------------------------------------
mapfile -t wanted < <(grep -v '^\s*#' packaging/debian-packages.txt | grep -v '^\s*$')
missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

# -- Python virtualenv ------------------------------------------------------------------
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup: Python 3.11 or newer is needed; $("$python" --version 2>&1) found" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    say "Creating the virtualenv in .venv"
    "$python" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Installing the kiosk and its Python dependencies into .venv"
    log=.venv/install.log
    if ! { .venv/bin/python -m pip install --upgrade pip \
           && .venv/bin/python -m pip install -e '.[dev]'; } >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "setup: installing the Python dependencies failed; the whole log is in $log" >&2
        exit 1
    fi
    touch "$stamp"
fi
