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

# -- Face photos for the verification tests ---------------------------------------------
# Real photographs of different people, for tests/test_verify.py and bench/face_verify.py
# (another person's face must not match): the test images inside the face_recognition
# source distribution on PyPI (MIT; White House photographs of Barack Obama and Joe Biden,
# works of the US federal government). Only the source archive is fetched, with pip, and
# checked against its hash; nothing of it is installed.
samples=.venv/face-samples
if [ ! -f "$samples/.complete" ]; then
    say "Fetching the face photos for the verification tests"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    .venv/bin/python -m pip download --quiet --no-deps --no-binary :all: \
        face_recognition==1.3.0 -d "$tmp" >"$tmp/log" 2>&1 || { tail -n 20 "$tmp/log" >&2; exit 1; }
    echo "5e5efdd1686aa566af0d3cc1313b131e4b197657a8ffd03669e6d3fad92705ec  $tmp/face_recognition-1.3.0.tar.gz" \
        | sha256sum --check --quiet
    mkdir -p "$samples"
    tar -xzf "$tmp/face_recognition-1.3.0.tar.gz" -C "$samples" --strip-components=3 \
        face_recognition-1.3.0/tests/test_images/obama.jpg \
        face_recognition-1.3.0/tests/test_images/obama2.jpg \
        face_recognition-1.3.0/tests/test_images/obama3.jpg \
        face_recognition-1.3.0/tests/test_images/biden.jpg
    touch "$samples/.complete"
fi
