"""ISO 7816-4 status handling of the PC/SC transport, with a scripted card behind it."""
from __future__ import annotations

import pytest

from devices.idcard.errors import ReaderError
from devices.idcard.pcsc import PcscTransport


class Scripted(PcscTransport):
    def __init__(self, answers):
        super().__init__("scripted")
        self.answers, self.sent = list(answers), []

    def _raw(self, apdu):
        self.sent.append(bytes(apdu))
        self.apdu_count += 1
        return self.answers.pop(0) if self.answers else (b"", 0x6100)


def test_get_response_collects_the_rest():
    t = Scripted([(b"\x01\x02", 0x6103), (b"\x03\x04\x05", 0x9000)])
    assert t.transmit(bytes.fromhex("00B0000000")) == (b"\x01\x02\x03\x04\x05", 0x9000)
    assert t.sent[1] == bytes.fromhex("00C0000003") and t.apdu_count == 2


def test_wrong_le_is_repeated_with_the_exact_length():
    t = Scripted([(b"", 0x6C04), (b"abcd", 0x9000)])
    assert t.transmit(bytes.fromhex("00B0000010")) == (b"abcd", 0x9000)
    assert t.sent[1] == bytes.fromhex("00B0000004")


def test_a_card_that_never_stops_announcing_data_is_cut_off():
    t = Scripted([])
    with pytest.raises(ReaderError):
        t.transmit(bytes.fromhex("00B0000000"))
    assert t.apdu_count <= 302
