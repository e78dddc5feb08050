#!/usr/bin/env bash
# Re-resolve the hash-locked requirement files from pyproject.toml:
#   requirements/runtime.txt   what a kiosk runs (the bundle is built from it)
#   requirements/test.txt      runtime + the test extra (scripts/setup.sh installs it)
# Run after changing dependencies in pyproject.toml; tests/packaging/test_lock.py fails
# while the lock and pyproject.toml disagree. uv is pinned so the output format is stable.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || scripts/setup.sh --test
.venv/bin/python -m pip install -q "uv==0.13.9"
UV=.venv/bin/uv
common=(--quiet --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_36
        --no-header --annotation-style line)
{ echo "# runtime lock: scripts/lock.sh from pyproject.toml"; "$UV" pip compile "${common[@]}" pyproject.toml; } \
  > requirements/runtime.txt
{ echo "# test lock: scripts/lock.sh from pyproject.toml (runtime + [test])"; "$UV" pip compile "${common[@]}" --extra test pyproject.toml; } \
  > requirements/test.txt
echo "lock: requirements/runtime.txt and requirements/test.txt written"
