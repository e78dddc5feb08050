#!/usr/bin/env bash
# Set up this machine for the kiosk: Debian/Ubuntu packages, a venv in .venv, the project.
# Idempotent and quick on a second run: apt runs only for missing packages, pip only when
# pyproject.toml or the lock changed.   Usage: scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# The developer, demo and test machine. A kiosk installs deploy/apt-runtime.txt instead
# (deploy/install.sh): no compilers, no Xvfb, no virtual card reader.
# Runtime: Qt's xcb platform under X or Xvfb, OCR, QR, smart cards, scanner, PDF tools,
# the voice (espeak-ng, run as a program) and a WAV player (aplay); the demo's pcscd runs
# in a network namespace of its own (unshare, ip: devices/sim/pcsc_stack.py).
APT_RUNTIME=(
  python3 python3-venv python3-dev gcc swig
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 xvfb xauth
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng libzbar0
  pcscd libpcsclite-dev vsmartcard-vpcd
  sane-utils libsane1 ghostscript poppler-utils libusb-1.0-0
  espeak-ng alsa-utils util-linux iproute2
)
# Tests also run a throwaway PostgreSQL cluster for the central server, check the systemd
# units (systemd-analyze verify) and start the kiosk under a headless cage (tests/deploy);
# chromium: the province dashboard is tested in a real browser (tests/sync/test_dashboard_browser.py).
APT_TEST=(postgresql systemd cage xwayland libwayland-cursor0 libwayland-egl1 chromium)

packages=("${APT_RUNTIME[@]}")
[ $want_test = 1 ] && packages+=("${APT_TEST[@]}")

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's vsmartcard-vpcd drops /etc/reader.conf.d/vpcd, so the system pcscd would accept
# a virtual card from anyone on the network (vpcd listens on every interface). The demo and
# the tests start their own pcscd with their own reader file; divert the drop-in away.
if [ "$(dpkg-divert --truename /etc/reader.conf.d/vpcd)" = /etc/reader.conf.d/vpcd ]; then
  $SUDO dpkg-divert --quiet --local --rename --add \
    --divert /etc/vpcd.reader.conf.disabled-by-motcua-kiosk /etc/reader.conf.d/vpcd
fi

# Python 3.11 or 3.12 (pyproject: >=3.11,<3.13).
PY=""
for candidate in python3.11 python3.12 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(not ((3,11) <= sys.version_info[:2] < (3,13)))'; then
    PY=$candidate; break
  fi
done
[ -n "$PY" ] || { echo "setup: Python 3.11 or 3.12 is needed" >&2; exit 1; }

[ -x .venv/bin/python ] || "$PY" -m venv .venv

# Python packages from the hash-locked files (scripts/lock.sh), then this project without
# dependencies. The test lock holds the runtime one's packages, so after the tests the demo
# reinstalls nothing (and the other way round only the test extra is added).
lock=requirements/runtime.txt; [ $want_test = 1 ] && lock=requirements/test.txt
stamp_of() { echo ".venv/.installed-$(cat pyproject.toml "$1" | sha256sum | cut -c1-16)"; }
if [ ! -f "$(stamp_of "$lock")" ] && [ ! -f "$(stamp_of requirements/test.txt)" ]; then
  echo "setup: installing Python packages into .venv from $lock"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q --require-hashes -r "$lock"
  .venv/bin/python -m pip install -q --no-deps -e .
  rm -f .venv/.installed-*
  touch "$(stamp_of "$lock")"
fi
echo "setup: ready"
