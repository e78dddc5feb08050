#!/usr/bin/env bash
# Set up (if needed) and start the kiosk demo: simulated devices, the ESC/POS printer
# emulator and the central server on this machine, embedded SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/kiosk demo "$@"
