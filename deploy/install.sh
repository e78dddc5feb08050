#!/usr/bin/env bash
# Install the kiosk on a bare Debian 12 machine, as root:
#   deploy/install.sh motcua-kiosk-<version>.tar.gz --pubkey release.pub
# Installs deploy/apt-runtime.txt, creates the "kiosk" user and folders, unpacks the signed
# bundle to /opt/motcua-kiosk/versions/<version> (signature checked before the switch),
# and enables the systemd units that boot straight into the kiosk. Idempotent: run again
# with a newer archive, or use `kiosk update apply` (docs/deploy.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "install: run as root" >&2; exit 1; }
[ $# -eq 3 ] && [ "$2" = "--pubkey" ] || { echo "usage: $0 BUNDLE.tar.gz --pubkey KEY.pub" >&2; exit 2; }
archive="$(realpath "$1")" pubkey="$(realpath "$3")"

# 1. system packages: the runtime list only (no compilers, no Xvfb, no virtual reader)
mapfile -t packages < <(sed 's/#.*//' "$here/apt-runtime.txt" | tr -s ' \t' '\n' | grep -v '^$')
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
if dpkg-query -W -f='${Status}' vsmartcard-vpcd 2>/dev/null | grep -q "install ok installed"; then
  echo "install: removing vsmartcard-vpcd (a virtual card reader has no place on a kiosk)"
  apt-get purge -y -qq vsmartcard-vpcd
fi

# 2. the unprivileged kiosk user: printers (lp), serial (dialout), scanners, sound, video
id kiosk >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/motcua-kiosk-home \
  --shell /usr/sbin/nologin --comment "motcua kiosk" kiosk
for group in lp dialout scanner audio video render input plugdev; do
  getent group "$group" >/dev/null && usermod -a -G "$group" kiosk
done

# 3. configuration (root-owned, readable by the kiosk), the store key's folder (kiosk, 0700)
install -d -m 0750 -o root -g kiosk /etc/motcua-kiosk
install -d -m 0700 -o kiosk -g kiosk /etc/motcua-kiosk/keys
install -d -m 0755 /opt/motcua-kiosk
install -m 0644 "$pubkey" /etc/motcua-kiosk/release.pub

# 4. the bundle, verified against the release key before `current` is switched to it.
# On a first install the verifier is the archive's own `kiosk` (nothing else is there yet):
# check the archive's SHA-256 against the release notes before running this script.
if [ -x /opt/motcua-kiosk/good/kiosk ]; then
  updater=/opt/motcua-kiosk/good/kiosk
else
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  tar -xzf "$archive" -C "$tmp" payload
  updater="$tmp/payload/kiosk"
fi
"$updater" update apply "$archive" --pubkey /etc/motcua-kiosk/release.pub
[ -e /etc/motcua-kiosk/kiosk.toml ] || echo "install: no /etc/motcua-kiosk/kiosk.toml yet: run kiosk provision (docs/deploy.md)"

# 5. boot straight into the kiosk on tty1; the guard's timer
install -m 0644 "$here"/systemd/motcua-kiosk.service "$here"/systemd/motcua-kiosk-guard.service \
  "$here"/systemd/motcua-kiosk-guard.timer /etc/systemd/system/
install -m 0644 "$here/udev/60-motcua-kiosk.rules" /etc/udev/rules.d/
udevadm control --reload || true
systemctl daemon-reload
systemctl set-default graphical.target
systemctl enable motcua-kiosk.service motcua-kiosk-guard.timer pcscd.socket
echo "install: done; reboot (or systemctl start motcua-kiosk) to start the kiosk"
