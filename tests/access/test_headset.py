"""Headset detection's reading of the kernel's jack switch.

This machine has no /dev/input and no sound card, so the two ioctls are answered by a stand-in
(a mock of the kernel, nothing else): it checks that only devices announcing
SW_HEADPHONE_INSERT are asked, with the request numbers of linux/input.h, and that the
switch bit is read. Real event files are opened (empty files in a folder)."""
from __future__ import annotations

from devices.audio.headset import EVIOCGBIT_SW, EVIOCGSW, HeadsetProbe, jack_states, usb_headset_cards


def test_the_request_numbers_are_the_kernels():
    # _IOC(_IOC_READ, 'E', 0x20 + EV_SW, 4) and _IOC(_IOC_READ, 'E', 0x1b, 4), as <linux/input.h> computes them
    assert EVIOCGBIT_SW == 0x80044525 and EVIOCGSW == 0x8004451B


def _kernel(switches: dict[str, tuple[bool, bool]], asked: list):
    """event name -> (has the headphone switch, its state)."""
    import os

    def ioctl(fd, request, buffer):
        name = os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[1]
        asked.append((name, request))
        has, state = switches[name]
        bit = 1 << 2  # SW_HEADPHONE_INSERT
        if request == EVIOCGBIT_SW:
            return bytes([bit if has else 0, 0, 0, 0])
        assert request == EVIOCGSW and has, "a device without the switch was asked its state"
        return bytes([bit if state else 0, 0, 0, 0])
    return ioctl


def test_only_jack_devices_are_asked_and_their_switch_is_read(tmp_path):
    for name in ("event0", "event1", "event2"):
        (tmp_path / name).touch()
    (tmp_path / "mouse0").touch()  # not an event device
    asked = []
    kernel = _kernel({"event0": (False, False), "event1": (True, True), "event2": (True, False)}, asked)
    assert jack_states(tmp_path, kernel) == [True, False]
    assert ("event0", EVIOCGSW) not in asked and {n for n, _ in asked} == {"event0", "event1", "event2"}
    probe = HeadsetProbe(tmp_path, tmp_path / "no-cards", kernel)
    assert probe.plugged()
    kernel_out = _kernel({"event0": (False, False), "event1": (True, False), "event2": (True, False)}, [])
    assert not HeadsetProbe(tmp_path, tmp_path / "no-cards", kernel_out).plugged()


def test_a_usb_headset_is_a_sound_card_of_its_own():
    listing = (" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
               "                      HDA Intel PCH at 0xf7f10000 irq 33\n"
               " 1 [Headset        ]: USB-Audio - Logitech USB Headset\n"
               "                      Logitech Logitech USB Headset at usb-0000:00:14.0-2, full speed\n")
    assert usb_headset_cards(listing) == ["USB-Audio - Logitech USB Headset"]
    assert usb_headset_cards(listing.split("\n 1")[0]) == []


def test_this_machine_without_input_devices_has_no_headset(tmp_path):
    assert not HeadsetProbe(tmp_path / "absent", tmp_path / "absent-cards").plugged()
