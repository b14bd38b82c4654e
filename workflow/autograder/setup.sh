#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image (the zip is unpacked in
# /autograder/source): Python 3.11 from apt, the locked environment and the package in
# source/.venv, then the work every submission shares (the data, the private sets, each row's
# inputs and the answer key's outputs), so a submission's run only grades its files.
# AUTOGRADER_ROOT replaces /autograder.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
TORCH_INDEX="https://download.pytorch.org/whl/cpu"  # as the Makefile: torch==2.13.0+cpu

export DEBIAN_FRONTEND=noninteractive
apt-get update
if ! apt-get install -y --no-install-recommends python3.11 python3.11-venv; then
  # Ubuntu releases without Python 3.11 in their archive: the deadsnakes builds
  apt-get install -y --no-install-recommends software-properties-common
  add-apt-repository -y ppa:deadsnakes/ppa
  apt-get update
  apt-get install -y --no-install-recommends python3.11 python3.11-venv
fi

cd "$SOURCE"
python3.11 -m venv --clear .venv
.venv/bin/pip install --quiet -r requirements.lock \
  || .venv/bin/pip install --quiet --extra-index-url "$TORCH_INDEX" -r requirements.lock
.venv/bin/pip install --quiet --no-deps -e .
.venv/bin/cs229ps2 compile

# the shared work, done here once: grade an empty submission (every part missing), then forget it
EMPTY="$(mktemp -d)"
.venv/bin/python -m snakemake results/submission/results.json --cores all --config submission="$EMPTY"
rm -rf results/submission "$EMPTY"
