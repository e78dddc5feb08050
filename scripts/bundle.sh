#!/usr/bin/env bash
# Build the one-folder kiosk bundle dist/motcua-kiosk/ (kiosk.spec) from the locked venv.
#   scripts/bundle.sh            build (PyInstaller comes with the test extra: setup.sh --test)
#   scripts/bundle.sh --sign KEY --version V
#                                also pack and sign dist/motcua-kiosk-V.tar.gz for `kiosk update apply`
# Run on the oldest Debian the kiosks run (12): the bundle links against its glibc.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/pyinstaller ] || scripts/setup.sh --test
key="" version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sign) key="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    *) echo "usage: scripts/bundle.sh [--sign KEY --version V]" >&2; exit 2 ;;
  esac
done
# PyInstaller reuses its analysis in build/pyinstaller when nothing changed; rm -rf it
# for a build from scratch (CI machines start from scratch anyway)
.venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller kiosk.spec
echo "bundle: dist/motcua-kiosk ($(du -sh dist/motcua-kiosk | cut -f1))"
if [ -n "$key" ]; then
  [ -n "$version" ] || { echo "bundle: --sign needs --version" >&2; exit 2; }
  .venv/bin/kiosk update sign dist/motcua-kiosk --version "$version" --key "$key" \
    --out "dist/motcua-kiosk-$version.tar.gz"
fi
