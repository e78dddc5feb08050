"""Fixtures of technician mode: a real ESC/POS emulator on 127.0.0.1, a configuration file
pointing at it, the kiosk's store, and a real HTTP central on loopback."""
from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import parse
from kiosk.technician.pin import hash_pin
from tests.foundation.conftest import printer_emulator  # noqa: F401 (the ESC/POS emulator on 127.0.0.1)

PIN = "246810"

CONFIG = """
[kiosk]
data_dir = "{data}"
key_file = "{key}"
fullscreen = false
hide_cursor = false

[[queue.services]]
code = "CUTRU"
prefix = "A"
name_vi = "Cư trú"
name_en = "Residence"
counter_group = "Quầy 1"

[printer]
uri = "{printer}"
status_timeout_s = {status_timeout}

[idcard]
reader = "{reader}"

[sync]
central_url = "{central}"

[voice]
enabled = {voice}

[technician]
pin_hash = "{pin_hash}"
max_attempts = 3
lockout_s = 60
hold_ms = 60
check_timeout_s = {check_timeout}
allow_exit_to_desktop = {allow_exit}
"""

_PIN_HASH = hash_pin(PIN)  # scrypt is slow on purpose: once per run


@pytest.fixture
def write_config(tmp_path):
    """``write_config(printer=uri, central=url, …)`` -> path of a TOML configuration."""

    def write(printer: str, central: str = "", reader: str = "", status_timeout: float = 0.5,
              check_timeout: float = 5.0, voice: bool = True, allow_exit: bool = False) -> Path:
        text = CONFIG.format(data=tmp_path / "data", key=tmp_path / "keys" / "store.key",
                             printer=printer, central=central, reader=reader,
                             status_timeout=status_timeout, check_timeout=check_timeout,
                             pin_hash=_PIN_HASH, voice=str(voice).lower(),
                             allow_exit=str(allow_exit).lower())
        path = tmp_path / "kiosk.toml"
        path.write_text(text, "utf-8")
        parse(text, environ={})  # a fixture that writes a broken file would hide real failures
        return path

    return write


@pytest.fixture
def open_kiosk_store(tmp_path):
    from sync.store import open_store

    opened = []

    def open_(config):
        store = open_store(config.kiosk.resolved_data_dir() / "kiosk.db", config.kiosk.resolved_key_file())
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()


@pytest.fixture(scope="module")
def central_url(tmp_path_factory):
    from sync.central.demo import DemoCentral

    central = DemoCentral(tmp_path_factory.mktemp("central"))
    url = central.start()
    yield url
    central.stop()
