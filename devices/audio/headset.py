"""Is a headset plugged in? Then a blind citizen is probably standing at the kiosk.

Two kinds of headset, two signs, both read without any library:
- a headset in the 3.5 mm jack: the sound card's jack detection is a Linux input device
  with the switch ``SW_HEADPHONE_INSERT`` (linux/input-event-codes.h); its current state is
  one ``EVIOCGSW`` ioctl on ``/dev/input/event*`` (the kiosk user is in the ``input`` group,
  deploy/install.sh). Only devices whose ``EVIOCGBIT(EV_SW)`` mask has that switch are asked.
- a USB headset: a sound card of its own appears in ``/proc/asound/cards`` with the
  ``USB-Audio`` driver.

Asking costs a few microseconds, so the kiosk asks every two seconds (kiosk/access). A
machine without either (no jack detection, no ``/dev/input``: this one) answers "no headset"
and audio mode starts from a key press as before.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

EV_SW = 0x05
SW_HEADPHONE_INSERT = 0x02
_SW_BYTES = 4  # SW_MAX is 0x10: 17 bits fit in 3 bytes; the kernel copies at most what it has


def _ioc_read(number: int, size: int) -> int:
    """``_IOC(_IOC_READ, 'E', number, size)`` (asm-generic/ioctl.h)."""
    return (2 << 30) | (size << 16) | (ord("E") << 8) | number


EVIOCGBIT_SW = _ioc_read(0x20 + EV_SW, _SW_BYTES)
EVIOCGSW = _ioc_read(0x1B, _SW_BYTES)


def _bit(mask: bytes, n: int) -> bool:
    return bool(mask[n // 8] >> (n % 8) & 1)


def jack_states(root: Path = Path("/dev/input"),
                ioctl: Callable[[int, int, bytes], bytes] = fcntl.ioctl) -> list[bool]:
    """The headphone switch of every input device that has one (True = plugged in)."""
    states = []
    for path in sorted(root.glob("event*")):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:  # not ours to read (no ``input`` group), or gone meanwhile
            continue
        try:
            if _bit(ioctl(fd, EVIOCGBIT_SW, bytes(_SW_BYTES)), SW_HEADPHONE_INSERT):
                states.append(_bit(ioctl(fd, EVIOCGSW, bytes(_SW_BYTES)), SW_HEADPHONE_INSERT))
        except OSError:  # a device without switches answers EINVAL
            pass
        finally:
            os.close(fd)
    return states


def card_names(listing: str) -> list[str]:
    """The cards of a ``/proc/asound/cards`` listing ("0 [PCH ]: HDA-Intel - HDA Intel PCH"
    lines, each followed by an indented description)."""
    cards = []
    for line in listing.splitlines():
        number, _, rest = line.strip().partition(" [")
        if number.isdigit() and "]: " in rest:
            cards.append(rest.split("]: ", 1)[1].strip())
    return cards


def usb_headset_cards(listing: str) -> list[str]:
    """Sound cards driven by ``USB-Audio`` in a ``/proc/asound/cards`` listing."""
    return [card for card in card_names(listing) if card.startswith("USB-Audio")]


class HeadsetProbe:
    """``plugged()``: a jack headset or a USB headset is there now."""

    def __init__(self, input_root: Path = Path("/dev/input"),
                 cards_file: Path = Path("/proc/asound/cards"),
                 ioctl: Callable[[int, int, bytes], bytes] = fcntl.ioctl) -> None:
        self.input_root, self.cards_file, self.ioctl = input_root, cards_file, ioctl

    def plugged(self) -> bool:
        if any(jack_states(self.input_root, self.ioctl)):
            return True
        try:
            return bool(usb_headset_cards(self.cards_file.read_text("utf-8")))
        except OSError:  # no ALSA on this machine
            return False
