"""Issue 10 item 3: a kiosk acts only for its own agency and centre, for today.

Each finding of the attack on the central is reproduced here against the real central on
loopback (PostgreSQL): another agency's series, another day, another agency's codes, a
future or ancient dossier, another kiosk's bytes, a dossier status without the receipt's
check code, reusable papers without a chip read.  Every refusal is a 403 (or answers like
an unknown dossier) and leaves a security event with no personal data.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.central import intake
from sync.central.models import SecurityEvent
from sync.check_code import check_code
from sync.client import canonical_json
from sync.errors import SyncError
from sync.numbering_leased import centre_today
from sync.testing.samples import submission
from tests.sync.conftest import presence, register

OTHER_AGENCY = "000.00.01.H22"


def events(central) -> list[tuple[str, str, str]]:
    with Session(central.engine) as s:
        return [(e.kiosk_id, e.kind, e.detail) for e in
                s.scalars(select(SecurityEvent).order_by(SecurityEvent.id))]


def refused(call) -> SyncError:
    """The central's authenticated refusal (429s are transient: the kiosk waits)."""
    with pytest.raises(SyncError) as err:
        call()
    return err.value


def test_a_kiosk_cannot_use_up_another_agencys_dossier_numbers(central, kiosk_client, caplog):
    today = centre_today()
    caplog.set_level(logging.WARNING, "sync.central.service")
    err = refused(lambda: kiosk_client.allocate("dossier_code", OTHER_AGENCY, today, 1000))
    assert (err.status, err.code) == (403, "foreign_series")
    assert events(central) == [("kiosk-01", "foreign_series", "foreign_series")]
    assert "security event foreign_series: kiosk kiosk-01" in caplog.text
    # the other agency's own kiosk still gets its series from 1
    other = register(central, "kiosk-b1", agency=OTHER_AGENCY, centre="centre-h22")
    assert other.allocate("dossier_code", OTHER_AGENCY, today, 10) == (1, 10)


def test_numbers_are_leased_for_today_only(central, kiosk_client):
    for day in (centre_today() + timedelta(days=2), centre_today() - timedelta(days=2)):
        err = refused(lambda: kiosk_client.allocate("dossier_code", "000.00.00.H30", day, 10))
        assert (err.status, err.code) == (403, "day_out_of_range")
    assert [kind for _, kind, _ in events(central)] == ["foreign_day", "foreign_day"]


def test_ticket_queues_belong_to_the_kiosks_centre(central, kiosk_client):
    today = centre_today()
    same_centre = register(central, "kiosk-02")
    elsewhere = register(central, "kiosk-x1", centre="centre-other")
    assert kiosk_client.allocate("ticket", "A", today, 5) == (1, 5)
    assert same_centre.allocate("ticket", "A", today, 5) == (6, 10)  # one queue per centre
    assert elsewhere.allocate("ticket", "A", today, 5) == (1, 5)  # its own centre's queue A


def test_a_kiosk_files_only_its_own_agencys_codes_for_today(central, kiosk_client):
    sub = submission(41, [], agency=OTHER_AGENCY)
    err = refused(lambda: kiosk_client.submit(sub["dossier_id"], canonical_json(sub)))
    assert (err.status, err.code) == (403, "foreign_agency")
    now = datetime.now(timezone.utc)
    for when, code in ((now + timedelta(days=1), "received_in_future"),
                       (now - intake.BACKLOG - timedelta(hours=1), "received_too_long_ago")):
        sub = submission(42, [], received_at=when)
        err = refused(lambda: kiosk_client.submit(sub["dossier_id"], canonical_json(sub)))
        assert (err.status, err.code) == (403, code)
    assert [kind for _, kind, _ in events(central)] == [
        "foreign_agency", "future_dossier", "stale_dossier"]
    # within the tolerance: a few minutes ahead (clock skew), a long weekend behind
    for when in (now + timedelta(minutes=2), now - timedelta(days=3)):
        sub = submission(43, [], received_at=when)
        assert kiosk_client.submit(sub["dossier_id"], canonical_json(sub)).code == sub["code"]


def test_another_kiosks_bytes_tell_nothing_about_its_dossier(central, kiosk_client):
    sub = submission(44, [b"scan"])
    body = canonical_json(sub)
    kiosk_client.submit(sub["dossier_id"], body)
    thief = register(central, "kiosk-02")
    err = refused(lambda: thief.submit(sub["dossier_id"], body))
    assert (err.status, err.code) == (409, "conflict")
    assert "attachments" not in err.body


def test_a_dossier_status_needs_the_receipts_check_code(central, kiosk_client):
    sub = submission(45, [])
    state = kiosk_client.submit(sub["dossier_id"], canonical_json(sub))
    right = check_code(sub["dossier_id"])
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert kiosk_client.status_by_code(state.code, right)["status"] == 1
    unknown = refused(lambda: kiosk_client.status_by_code(state.code[:-4] + "0999", right))
    guessed = refused(lambda: kiosk_client.status_by_code(state.code, wrong))
    # a wrong check code answers exactly like a dossier that does not exist
    assert (guessed.status, guessed.code) == (unknown.status, unknown.code) == (404, "no_such_dossier")
    assert [kind for _, kind, _ in events(central)] == ["wrong_check_code"]
    missing = refused(lambda: kiosk_client.request("GET", f"/v1/dossier-status/{state.code}"))
    assert (missing.status, missing.code) == (400, "check_code_required")


def test_guessing_check_codes_is_stopped(central, kiosk_client):
    sub = submission(46, [])
    state = kiosk_client.submit(sub["dossier_id"], canonical_json(sub))
    right = check_code(sub["dossier_id"])
    for n in range(intake.MAX_WRONG_CHECKS_PER_HOUR):
        guess = f"{n:06d}"
        if guess != right:
            refused(lambda: kiosk_client.status_by_code(state.code, guess))
    err = refused(lambda: kiosk_client.status_by_code(state.code, right))
    assert (err.status, err.code) == (429, "too_many_attempts")  # even the right one, for now


def test_reusable_papers_need_a_verified_chip_read_bound_to_a_fresh_challenge(central, kiosk_client):
    sub = submission(47, [b"scan"])
    kiosk_client.submit_bundle(sub["dossier_id"], canonical_json(sub), [b"scan"])
    owner = sub["applicant"]["id_number"]
    assert len(kiosk_client.search_papers(owner, presence(kiosk_client, owner))) == 1
    stated = presence(kiosk_client, owner)
    kiosk_client.search_papers(owner, stated)
    other = register(central, "kiosk-02")
    cases = [
        (other, stated),  # a spent challenge, and another kiosk's
        (kiosk_client, {**stated, "challenge": "A" * 32}),  # one the central never issued
        (kiosk_client, {**presence(kiosk_client, owner), "passive_authentication": "hashes_only"}),
        (kiosk_client, {**presence(kiosk_client, owner), "id_number": "001300000002"}),  # another person
    ]
    for client, statement in cases:
        err = refused(lambda: client.search_papers(owner, statement))
        assert (err.status, err.code) == (403, "presence_required")
    assert [kind for _, kind, _ in events(central)] == [
        "papers_without_presence", "papers_without_presence", "papers_unverified_chip",
        "papers_other_person"]
    assert all(owner not in detail for _, _, detail in events(central))  # no personal data
    without = refused(lambda: kiosk_client.request(
        "POST", "/v1/papers/search", canonical_json({"owner_id_number": owner}),
        headers={"Content-Type": "application/json"}))
    assert (without.status, without.code) == (422, "invalid_fields")


def test_open_challenges_are_bounded(central, kiosk_client):
    from sync.central.papers import MAX_OPEN_CHALLENGES

    for _ in range(MAX_OPEN_CHALLENGES):
        kiosk_client.presence_challenge()
    err = refused(kiosk_client.presence_challenge)
    assert (err.status, err.code) == (429, "too_many_challenges")
