"""The technician PIN: hashed with scrypt, never stored in clear; a wrong PIN counts toward a
lockout that a restart does not reset; `kiosk config set-pin` keeps the file as written."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.config import ConfigError, load, parse
from kiosk.technician import audit
from kiosk.technician.gate import PinGate
from kiosk.technician.pin import PinFormatError, hash_pin, verify_pin
from kiosk.technician.pinfile import with_pin_hash
from tests.technician.conftest import PIN


def test_the_pin_is_stored_salted_and_verified():
    a, b = hash_pin("1234"), hash_pin("1234")
    assert a != b and "1234" not in a  # salted: the same PIN never gives the same text
    assert verify_pin("1234", a) and not verify_pin("1235", a) and not verify_pin("", a)
    with pytest.raises(PinFormatError):
        hash_pin("12a4")


def test_a_hash_with_absurd_parameters_is_refused_at_load(write_config, printer_emulator):
    text = write_config(printer_emulator.uri).read_text()
    evil = hash_pin("1234").replace("$16384$", "$1073741824$")  # 1 TiB of scrypt memory
    with pytest.raises(ConfigError, match="pin_hash"):
        parse(with_pin_hash(text, evil), environ={})


def test_wrong_pins_lock_the_pad_across_restarts(write_config, printer_emulator, open_kiosk_store):
    config = load(write_config(printer_emulator.uri), environ={})
    store = open_kiosk_store(config)
    now = [datetime.now(timezone.utc)]
    gate = PinGate(store, config.technician, clock=lambda: now[0])
    assert gate.try_pin("000000").attempts_left == 2
    assert gate.try_pin("111111").attempts_left == 1
    locked = gate.try_pin("222222")
    assert not locked.ok and locked.locked_for_s > 0
    # a restart (a new gate on the same store) is still locked, even for the right PIN
    again = PinGate(store, config.technician, clock=lambda: now[0]).try_pin(PIN)
    assert not again.ok and again.locked_for_s > 0
    now[0] += timedelta(seconds=config.technician.lockout_s + 1)
    assert gate.try_pin(PIN).ok
    actions = [e.action for e in audit.recent(store, 20)][::-1]
    assert actions == ["pin_wrong", "pin_wrong", "pin_wrong", "pin_lockout", "lockout_over", "pin_ok"]
    assert all(PIN not in e.detail for e in audit.recent(store, 20))


def test_set_pin_writes_only_the_hash_and_keeps_comments(write_config, printer_emulator):
    path = write_config(printer_emulator.uri)
    path.write_text(path.read_text().replace("[printer]", "# the counter's printer\n[printer]"))
    done = subprocess.run([sys.executable, "-m", "kiosk", "config", "set-pin", str(path)],
                          input="13579\n13579\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text = path.read_text()
    assert "# the counter's printer" in text and "13579" not in text
    assert verify_pin("13579", load(path, environ={}).technician.pin_hash)
    differ = subprocess.run([sys.executable, "-m", "kiosk", "config", "set-pin", str(path)],
                            input="13579\n97531\n", capture_output=True, text=True, timeout=60)
    assert differ.returncode == 2 and "differ" in differ.stderr
    assert verify_pin("13579", load(path, environ={}).technician.pin_hash)


def test_restarts_and_crashes_are_told_apart(write_config, printer_emulator, open_kiosk_store):
    config = load(write_config(printer_emulator.uri), environ={})
    store = open_kiosk_store(config)
    for action in ("app_start", "app_exit", "app_start", "app_start", "app_exit", "app_start"):
        audit.record(store, action)  # a clean run, a crashed run, a clean run, the current one
    starts, unclean = audit.starts_since(store)
    assert (len(starts), unclean) == (4, 1)
