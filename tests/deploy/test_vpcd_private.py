"""The demo's virtual card reader cannot be reached from the network.

vpcd binds its card port on every interface; the stack therefore runs pcscd in a network
namespace of its own that holds only a loopback. Checked the way an attacker on the LAN
would see it: no listening socket on the vpcd ports in the host's namespace, and the only
interface where vpcd listens is that loopback. A card still reads through it.
Run by hand under ``flock /tmp/kiosk-pcsc.lock`` (one pcscd per machine).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from devices.sim.card import EmulatedIdCard
from devices.sim.pcsc_stack import pcscd_netns, start_stack
from devices.sim.vpcd import VpcdCard

LISTEN = "0A"  # TCP state in /proc/net/tcp


def listening(net_dir: Path) -> set[tuple[str, int]]:
    """(local address hex, port) of every listening TCP socket in a namespace's /proc/net."""
    found = set()
    for table in ("tcp", "tcp6"):
        for line in (net_dir / table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port = fields[1].split(":")
            if fields[3] == LISTEN:
                found.add((address, int(port, 16)))
    return found


def interfaces(net_dir: Path) -> list[str]:
    return [line.split(":")[0].strip() for line in (net_dir / "dev").read_text().splitlines()[2:]]


@pytest.fixture
def stack(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("pcscd and its private network namespace need root (the CI machine is root)")
    stack = start_stack(tmp_path / "pcsc")
    yield stack
    stack.stop()


def test_vpcd_listens_only_inside_pcscds_private_loopback(stack):
    netns = pcscd_netns()
    assert netns is not None, "pcscd runs in the host's network namespace"
    pcscd_net = netns.parent.parent / "net"
    ports = {stack.base_port, stack.base_port + 1}

    host_side = {port for _addr, port in listening(Path("/proc/self/net"))}
    assert not ports & host_side, "a vpcd port listens in the host's namespace"
    assert ports <= {port for _addr, port in listening(pcscd_net)}  # vpcd is there…
    assert interfaces(pcscd_net) == ["lo"]  # …where the only interface is the loopback


def test_a_card_reads_through_the_private_stack(stack):
    from devices.idcard.pcsc import PcscTransport

    reader_name, port = stack.slot(0)
    card = EmulatedIdCard()
    with VpcdCard(card, port), PcscTransport(reader_name).connect(timeout=10) as transport:
        assert transport.atr() == card.answer_to_reset()
