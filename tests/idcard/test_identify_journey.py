"""The Identify journey as a state machine, driven with real parsers and the chip reader."""
from __future__ import annotations

import datetime as dt

import pytest

from devices.idcard.errors import CardRemovedError, IdentityMismatchError, QrFormatError
from devices.idcard.reading import read_identity
from devices.sim.card import EmulatedIdCard, direct_transmit
from kiosk.journeys import JourneyError
from kiosk.journeys.identify import IdentifyJourney, QrTimeoutError, Step

TODAY = dt.date(2026, 11, 28)


def _read(journey, card):
    journey.chip_read_started()
    result = read_identity(direct_transmit(card), journey.key, qr=journey.qr,
                           progress=journey.chip_progress)
    return journey.chip_read(result)


def test_qr_only_kiosk_confirms_from_the_qr(citizen):
    j = IdentifyJourney(has_reader=False, today=TODAY)
    assert j.qr_scanned(citizen.qr_payload()) is Step.CONFIRM
    assert j.identity.source == "qr" and j.identity.full_name == citizen.full_name
    ident = j.confirm()
    assert j.step is Step.DONE and ident.id_number == citizen.id_number
    j.end_session()
    assert ident.wiped and j.identity is None


def test_with_a_reader_the_chip_is_read_and_confirmed(citizen):
    j = IdentifyJourney(has_reader=True, today=TODAY)
    assert j.qr_scanned(citizen.qr_payload()) is Step.WAITING_CARD
    assert j.key.can == "001234"
    assert _read(j, EmulatedIdCard(citizen)) is Step.CONFIRM
    assert j.progress == 1.0 and j.identity.source == "chip" and j.identity.photo_png


def test_a_non_card_qr_keeps_scanning_with_a_reason():
    j = IdentifyJourney(today=TODAY)
    assert j.qr_scanned("https://example.org") is Step.SCANNING_QR
    assert isinstance(j.error, QrFormatError)


def test_expired_card_from_renewal_age_is_refused(citizen):
    old = citizen.with_(date_of_birth=dt.date(1980, 1, 5), id_number="079180001234",
                        issue_date=dt.date(2016, 1, 1))  # at 36: ran until 40 (2020)
    j = IdentifyJourney(today=TODAY)
    assert j.qr_scanned(old.qr_payload()) is Step.ERROR
    assert "hết hạn" in j.error.vi


def test_qr_timeout_offers_retry_and_manual_entry():
    j = IdentifyJourney(today=TODAY)
    j.qr_timed_out()
    assert isinstance(j.error, QrTimeoutError)
    assert j.retry() is Step.SCANNING_QR
    j.qr_timed_out()
    assert j.manual() is Step.MANUAL_ENTRY


def test_card_removed_mid_read_retries_on_the_reader(citizen):
    j = IdentifyJourney(has_reader=True, today=TODAY)
    j.qr_scanned(citizen.qr_payload())
    j.chip_read_started()
    j.chip_progress(0.5, "DG2")
    assert j.chip_failed(CardRemovedError("lost")) is Step.ERROR
    j.chip_progress(0.9, "DG2")  # late progress is ignored
    assert j.retry() is Step.WAITING_CARD and j.progress == 0.0
    assert _read(j, EmulatedIdCard(citizen)) is Step.CONFIRM


def test_mismatch_is_rejected_and_recorded_without_values(citizen):
    j = IdentifyJourney(has_reader=True, today=TODAY)
    j.qr_scanned(citizen.qr_payload())
    forged = EmulatedIdCard(citizen.with_(full_name="Nguyễn Thị Ánh"))
    with pytest.raises(IdentityMismatchError) as err:
        _read(j, forged)
    j.chip_failed(err.value)
    assert j.step is Step.ERROR and j.identity is None
    assert j.incidents[0].kind == "identity_mismatch" and "full_name" in j.incidents[0].fields
    assert "Nguyễn" not in repr(j.incidents)


def test_manual_entry_then_chip_with_the_can(citizen):
    j = IdentifyJourney(has_reader=True, today=TODAY)
    j.qr_timed_out()
    j.manual()
    assert j.submit_manual("079196001234", "31021996") is Step.MANUAL_ENTRY  # not a date
    assert j.submit_manual(citizen.id_number, "14031996") is Step.WAITING_CARD
    assert _read(j, EmulatedIdCard(citizen)) is Step.CONFIRM
    assert j.identity.full_name == citizen.full_name


def test_manual_entry_that_disagrees_with_the_chip(citizen):
    other = citizen.with_(id_number="079196009999")  # same CAN? no: other digits
    j = IdentifyJourney(has_reader=True, today=TODAY)
    j.qr_timed_out()
    j.manual()
    j.submit_manual("079196009999", "15031996")
    j.chip_read_started()
    result = read_identity(direct_transmit(EmulatedIdCard(other)), j.key)
    assert j.chip_read(result) is Step.ERROR
    assert j.incidents[0].kind == "identity_mismatch" and result.identity.wiped


def test_manual_entry_without_reader_gives_a_manual_identity():
    j = IdentifyJourney(today=TODAY)
    j.qr_timed_out()
    j.manual()
    assert j.submit_manual("001085009876", "02071985") is Step.CONFIRM
    assert j.identity.source == "manual" and j.identity.date_of_birth == dt.date(1985, 7, 2)


def test_events_out_of_order_are_refused(citizen):
    j = IdentifyJourney(today=TODAY)
    with pytest.raises(JourneyError):
        j.confirm()
    j.qr_scanned(citizen.qr_payload())
    with pytest.raises(JourneyError):
        j.qr_scanned(citizen.qr_payload())
