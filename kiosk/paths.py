"""Where the kiosk keeps things when the configuration does not say.

The key file lives under the *config* folder and the database under the *data* folder on
purpose: a backup or copy of the data folder must not carry the key that opens it.
"""
from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "motcua-kiosk"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP))


def default_key_file() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "keys" / "store.key"


def default_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "kiosk.toml"


def default_cache_dir() -> Path:
    """Caches that can be rebuilt at any time (e.g. python-escpos' parsed printer database)."""
    return Path(platformdirs.user_cache_dir(APP))
