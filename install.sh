#!/usr/bin/env bash
# Set up Marsad on a fresh machine: a virtualenv in .venv with Marsad and its test tools.
#   ./install.sh            (uses python3; set PYTHON=python3.12 to choose another)
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Marsad needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# pip 23.2 mis-resolves some extras: upgrade it first.
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
echo "Marsad installed: .venv/bin/marsad ($(.venv/bin/marsad --version))"
