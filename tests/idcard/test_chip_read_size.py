"""Read size from the card's EF.ATR/INFO (7F66) and the reader, counted through pcscd (issue 13).

An independent emulator serving reads up to 3,840 bytes and saying so in EF.ATR/INFO got
4,096 (refused), then 1,024: 42 APDUs for EF.COM, DG1, DG2, DG13 and EF.SOD with PACE.
"""
from __future__ import annotations

import pytest

from devices.idcard.apdu import parse_command
from devices.idcard.chip import ChipSession
from devices.idcard.lds import FID
from devices.idcard.pcsc import PcscTransport
from devices.idcard.reading import AccessKey, read_identity
from devices.sim.card import EmulatedIdCard, Faults, direct_transmit
from devices.sim.vpcd import VpcdCard


@pytest.fixture
def chip_on_reader(pcsc_stack, test_pki):
    placed = []

    def place(citizen, **kw):
        card = EmulatedIdCard(citizen, pki=test_pki, **kw)
        name, port = pcsc_stack.slot(0)
        placed.append(VpcdCard(card, port).insert())
        return card, name

    yield place
    from devices.idcard.pcsc import wait_card_state

    for vcard in placed:
        vcard.remove()
    assert wait_card_state(pcsc_stack.slot(0)[0], present=False, timeout=10)


def _read(reader, citizen):
    with PcscTransport(reader).connect(timeout=10) as t:
        result = read_identity(t.transmit, AccessKey(can=citizen.can),
                               reader_max=t.reader_max_response())
        return result, t.apdu_count


def test_card_limit_from_atr_info_reads_the_five_files_in_few_apdus(chip_on_reader, citizen):
    card, reader = chip_on_reader(citizen, max_response=3840, advertised_max_response=3840)
    result, apdus = _read(reader, citizen)
    assert result.identity.photo_png and result.access == "PACE"
    assert card.refused_reads == 0  # never asked for more than the card said
    assert result.chunk == 3807  # the most plain bytes a 3,840-byte AES-protected answer holds
    assert result.file_apdus <= 15  # EF.COM, DG1, DG13, DG2 (6 × 3,807), EF.SOD
    assert apdus == result.apdus <= 20  # and 10 for EF.CardAccess, EF.ATR/INFO, PACE, SELECT


def test_card_that_advertises_a_size_it_then_refuses_falls_back_cleanly(chip_on_reader, citizen):
    card, reader = chip_on_reader(citizen, max_response=2048, advertised_max_response=8192)
    result, apdus = _read(reader, citizen)
    assert result.identity.photo_png and result.identity.id_number == citizen.id_number
    assert 1 <= card.refused_reads <= 2  # 8,192 then 4,096 refused; 2,048 holds
    assert result.chunk == ChipSession.plain_chunk("AES-128", 2048)
    assert apdus < 30


def test_without_atr_info_the_largest_working_size_is_found(chip_on_reader, citizen):
    card, reader = chip_on_reader(citizen, max_response=3840)
    result, apdus = _read(reader, citizen)
    assert result.identity.photo_png
    # 65,538, 16,384 and 4,096 refused once each, then 1,024 for the rest of the session
    assert result.chunk == ChipSession.plain_chunk("AES-128", 1024) and card.refused_reads == 3
    assert apdus < 40


def test_whole_files_in_one_read_when_nothing_limits(chip_on_reader, citizen):
    card, reader = chip_on_reader(citizen)
    result, apdus = _read(reader, citizen)
    assert result.identity.photo_png and card.refused_reads == 0
    assert result.file_apdus == 5  # one READ BINARY by short EF identifier per file
    assert result.chunk == len(card.files[FID["DG2"]]) > 15_000


def test_chip_without_short_file_identifiers_is_read_by_select(chip_on_reader, citizen):
    _, reader = chip_on_reader(citizen, faults=Faults(no_short_file_ids=True),
                               advertised_max_response=3840)
    result, _ = _read(reader, citizen)
    assert result.identity.photo_png and result.file_apdus <= 21


def test_a_reader_limited_to_short_apdus_is_never_sent_an_extended_one(citizen):
    card = EmulatedIdCard(citizen, advertised_max_response=3840)
    chip = direct_transmit(card)
    extended = []

    def transmit(apdu):
        extended.append(parse_command(apdu)[1])
        return chip(apdu)

    result = read_identity(transmit, AccessKey(can=citizen.can), reader_max=258)
    assert result.identity.photo_png and result.chunk == 0xDF
    assert not any(extended)


def test_atr_info_parsing_tolerates_padding_and_garbage():
    from devices.idcard.chip import card_max_response
    from devices.sim.card import atr_info

    assert card_max_response(atr_info(3840, 3840)) == 3840  # 0F00: a value ending in 00
    assert card_max_response(bytes.fromhex("4703940180") + atr_info(261, 1024) + b"\xff\xff") == 1024
    for garbage in (b"", b"\x7f\x66\x05\x02", b"\x00" * 8, bytes.fromhex("7F660402020F00")):
        assert card_max_response(garbage) is None
