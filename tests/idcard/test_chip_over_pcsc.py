"""The chip read end to end: pyscard → pcscd → vsmartcard-vpcd → the card emulator."""
from __future__ import annotations

import datetime as dt
import logging

import pytest

from devices.idcard.errors import (AccessDeniedError, CardRemovedError, IdentityMismatchError,
                                   LdsError, PassiveAuthError, TlvError)
from devices.idcard.pcsc import CardPresenceWatcher, PcscTransport, find_reader
from devices.idcard.reading import AccessKey, read_identity
from devices.sim.card import Faults


def _read(reader, key, **kw):
    with PcscTransport(reader).connect(timeout=10) as t:
        return read_identity(t.transmit, key, **kw), t.apdu_count


def test_pace_with_can_reads_a_verified_identity(card_on_reader, citizen, master_list_dir):
    _, reader = card_on_reader(citizen)
    assert find_reader("Kiosk vpcd") .endswith("00 00")
    qr = citizen.qr_identity()
    steps = []
    result, apdus = _read(reader, AccessKey.from_qr(qr), qr=qr, master_list_dir=master_list_dir,
                          progress=lambda f, s: steps.append((f, s)))
    ident = result.identity
    assert result.access == "PACE"
    assert result.pa.status.value == "verified_csca"
    assert (ident.id_number, ident.full_name, ident.date_of_birth) == (
        "079196001234", "Nguyễn Thị Ánh Dương", dt.date(1996, 3, 14))
    assert ident.photo_png.startswith(b"\x89PNG")
    assert result.apdus == apdus and apdus < 40
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any(s == "DG2" and 0.3 < f < 0.9 for f, s in steps)


def test_p256_chip_and_no_master_list_gives_signature_valid(card_on_reader, citizen):
    _, reader = card_on_reader(citizen, parameter_id=12)
    result, _ = _read(reader, AccessKey(can=citizen.can), read_photo=False)
    assert result.access == "PACE" and result.pa.status.value == "signature_valid"


def test_pace_on_a_chip_that_refuses_the_parameter_id_tag(card_on_reader, citizen):
    _, reader = card_on_reader(citizen, Faults(refuse_mse_parameter_id=True))
    result, _ = _read(reader, AccessKey(can=citizen.can), read_photo=False)
    assert result.access == "PACE"


def test_bac_with_the_mrz_when_the_chip_has_no_pace(card_on_reader, citizen, master_list_dir):
    _, reader = card_on_reader(citizen, Faults(no_pace=True))
    mrz = citizen.mrz.split("\n")
    key = AccessKey.from_mrz_fields(mrz[0][5:14], mrz[1][0:6], mrz[1][8:14])
    result, _ = _read(reader, key, master_list_dir=master_list_dir)
    assert result.access == "BAC" and result.identity.photo_png
    assert result.pa.status.value == "verified_csca"


def test_wrong_can_falls_back_to_bac_from_the_qr(card_on_reader, citizen):
    _, reader = card_on_reader(citizen)
    key = AccessKey.from_qr(citizen.qr_identity())
    key.can = "000000"
    result, _ = _read(reader, key, read_photo=False)
    assert result.access == "BAC"


def test_another_citizens_card_is_refused(card_on_reader, citizen):
    _, reader = card_on_reader(citizen)
    other = citizen.with_(id_number="001085009876", date_of_birth=dt.date(1985, 7, 2),
                          sex="Nam").qr_identity()
    with pytest.raises(AccessDeniedError) as err:
        _read(reader, AccessKey.from_qr(other), qr=other)
    assert "không khớp" in err.value.vi


def test_short_apdus_only_reader_falls_back_to_short_reads(card_on_reader, citizen):
    _, reader = card_on_reader(citizen, Faults(short_apdus_only=True))
    result, _ = _read(reader, AccessKey(can=citizen.can))
    assert result.chunk == 0xDF and result.identity.photo_png
    assert result.apdus > 80


def test_card_removed_mid_photo_read(card_on_reader, citizen):
    vcard, reader = card_on_reader(citizen, Faults(remove_after_bytes=3000))
    with pytest.raises(CardRemovedError) as err:
        _read(reader, AccessKey(can=citizen.can))
    assert "nhấc ra" in err.value.vi
    assert vcard.withdrawn.is_set()


def test_bad_sod_hash_fails_passive_authentication(card_on_reader, citizen):
    _, reader = card_on_reader(citizen, Faults(bad_sod_hash=1))
    with pytest.raises(PassiveAuthError):
        _read(reader, AccessKey(can=citizen.can), read_photo=False)


def test_corrupt_dg13_is_a_clean_error(card_on_reader, citizen):
    _, reader = card_on_reader(citizen, Faults(corrupt_dg13=True))
    with pytest.raises((TlvError, LdsError)):
        _read(reader, AccessKey(can=citizen.can), read_photo=False)


def test_chip_that_disagrees_with_the_qr_is_rejected(card_on_reader, citizen):
    forged = citizen.with_(full_name="Nguyễn Thị Ánh Dương Giả")
    _, reader = card_on_reader(forged)
    qr = citizen.qr_identity()
    with pytest.raises(IdentityMismatchError) as err:
        _read(reader, AccessKey.from_qr(qr), qr=qr, read_photo=False)
    assert "full_name" in err.value.fields and "Dương" not in str(err.value)


def test_slow_card_still_reads(card_on_reader, citizen):
    _, reader = card_on_reader(citizen, Faults(apdu_delay_s=0.02))
    result, _ = _read(reader, AccessKey(can=citizen.can), read_photo=False)
    assert result.timings_ms["total"] > 20 * result.apdus * 0.9


def test_presence_events_on_insert_and_remove(pcsc_stack, card_on_reader, citizen):
    import threading

    events: list[bool] = []
    changed = threading.Event()

    def on_change(present):
        events.append(present)
        changed.set()

    watcher = CardPresenceWatcher(pcsc_stack.slot(0)[0], on_change).start()
    try:
        vcard, _ = card_on_reader(citizen)
        assert changed.wait(10) and events[-1] is True
        changed.clear()
        vcard.remove()
        assert changed.wait(10) and events[-1] is False
    finally:
        watcher.stop()


def test_no_personal_data_in_logs(card_on_reader, citizen, caplog):
    _, reader = card_on_reader(citizen)
    caplog.set_level(logging.DEBUG)
    result, _ = _read(reader, AccessKey(can="111111", mrz_information=None) if False
                      else AccessKey(can=citizen.can))
    text = caplog.text + repr(result.identity) + str(result.identity)
    for secret in (citizen.id_number, "Nguyễn", "NGUYEN", citizen.can, "1996"):
        assert secret not in text
    result.identity.wipe()
    assert result.identity.wiped and result.identity.to_dict()["full_name"] == ""


def test_a_missing_reader_is_a_fault_with_words_for_the_citizen(pcsc_stack):
    from devices.idcard.errors import ReaderError

    with pytest.raises(ReaderError) as err:
        find_reader("ACS ACR1252 that is not plugged in")
    assert "Đầu đọc thẻ" in err.value.vi and err.value.en


def test_empty_reader_times_out_as_no_card(pcsc_stack):
    from devices.idcard.errors import NoCardError

    name, _ = pcsc_stack.slot(1)
    with pytest.raises(NoCardError):
        PcscTransport(name).connect(timeout=0.3)
