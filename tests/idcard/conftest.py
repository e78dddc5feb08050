"""Fixtures of the identity tests: a real PC/SC stack (pyscard → pcscd → vpcd → emulator).

pcscd is started for the session only if none runs, with vpcd readers on random uncommon
ports, and stopped at the end only if this session started it.
"""
from __future__ import annotations

import fcntl
import os
import tempfile
import time
from pathlib import Path

import pytest

from devices.idcard.pcsc import wait_card_state
from devices.sim.card import EmulatedIdCard, Faults
from devices.sim.citizen import SyntheticCitizen
from devices.sim.pcsc_stack import start_stack
from devices.sim.pki import make_test_pki
from devices.sim.vpcd import VpcdCard


@pytest.fixture(scope="session")
def pcsc_stack(tmp_path_factory):
    # pcscd is one per machine: two test runs at once (engineers, CI) would put cards on
    # the same virtual slot and one would stop the other's daemon. Take turns.
    lock_path = Path(tempfile.gettempdir()) / f"kiosk-pcscd-tests-{os.getuid()}.lock"
    with open(lock_path, "w") as lock:
        deadline = time.monotonic() + 600
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise RuntimeError("another test run holds the PC/SC stack for 10 minutes")
                time.sleep(0.5)
        stack = start_stack(tmp_path_factory.mktemp("pcscd"))
        yield stack
        stack.stop()


@pytest.fixture
def citizen():
    return SyntheticCitizen()


@pytest.fixture(scope="session")
def test_pki():
    return make_test_pki("tests")


@pytest.fixture(scope="session")
def master_list_dir(tmp_path_factory, test_pki):
    return test_pki.write_master_list(tmp_path_factory.mktemp("csca"))


@pytest.fixture
def card_on_reader(pcsc_stack, test_pki):
    """Factory: put an emulated card on the first vpcd reader; removed after the test."""
    placed: list[VpcdCard] = []

    def place(citizen: SyntheticCitizen | None = None, faults: Faults | None = None,
              parameter_id: int = 13) -> tuple[VpcdCard, str]:
        card = EmulatedIdCard(citizen, faults=faults, pki=test_pki, parameter_id=parameter_id)
        name, port = pcsc_stack.slot(0)
        vcard = VpcdCard(card, port).insert()
        placed.append(vcard)
        return vcard, name

    yield place
    for vcard in placed:
        vcard.remove()
    # Let pcscd notice the removal before the next test puts a card on the same slot.
    assert wait_card_state(pcsc_stack.slot(0)[0], present=False, timeout=10)
