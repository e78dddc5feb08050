#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: import contracts, translations, pytest.
# The tests start and stop what they need themselves (printer emulator, pcscd with a
# virtual reader, a throwaway PostgreSQL cluster, the central server), all on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen OMP_THREAD_LIMIT=1
.venv/bin/lint-imports
exec .venv/bin/python -m pytest "$@"
