"""Updates that cannot brick a kiosk (Qt-free: the guard runs before any screen).

- ``bundle``: a release is a tar of one bundle folder with a manifest of every file's
  SHA-256, signed with Ed25519. The signature is checked before a byte of payload is
  written; every file is checked against the manifest as it is unpacked.
- ``slots``: unpacked versions live side by side under ``<root>/versions/<version>``; the
  ``current`` symlink is switched atomically (a new link renamed over the old one). A
  switched version stays *pending* until it writes the boot-ok marker on reaching the home
  screen; the guard rolls back to the last good version when it does not within a number
  of starts or a time limit.
- ``store_backup``: the store as it was before the switch, put back after an automatic
  rollback so the older version is not stranded by the newer one's migrations.
"""

from pathlib import Path

DEFAULT_ROOT = Path("/opt/motcua-kiosk")
DEFAULT_DATA = Path("/var/lib/motcua-kiosk")
DEFAULT_BOOT_OK = DEFAULT_DATA / "boot-ok"
