"""Reusable digitized papers, listed only for a citizen who is at the kiosk.

A kiosk may not list anyone's papers by ID number (any kiosk, or a stolen kiosk secret,
could then page through the province's citizens).  It first asks for a challenge
(``POST /v1/papers/challenge``: single use, valid ``CHALLENGE_TTL``), reads the citizen's
chip, and sends with the search a statement of that read, bound to the challenge: the ID
number from the chip, the SHA-256 of its EF.SOD and the passive-authentication verdict
(ICAO Doc 9303 Part 11 §5.1).  The whole request is signed with the kiosk's key, so the
statement is the kiosk's signed word that a verified chip was read after the challenge was
issued; the challenge row keeps the SOD digest as the audit trail of who unlocked what.
What this does and does not prove: docs/security.md, "Reusable papers".
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync import contract
from sync.central.models import PresenceChallenge, ReusablePaper
from sync.central.service import SecurityRefusal, utcnow

CHALLENGE_TTL = timedelta(minutes=3)
#: open challenges one kiosk may hold: a citizen at a time, a few abandoned ones
MAX_OPEN_CHALLENGES = 5
#: passive-authentication verdicts that count as a verified chip read
VERIFIED = ("verified_csca",)


def issue_challenge(session: Session, kiosk_id: str) -> dict:
    now = utcnow()
    open_now = session.scalar(select(func.count()).select_from(PresenceChallenge).where(
        PresenceChallenge.kiosk_id == kiosk_id, PresenceChallenge.used_at.is_(None),
        PresenceChallenge.expires_at > now))
    if open_now >= MAX_OPEN_CHALLENGES:
        raise SecurityRefusal(429, "too_many_challenges",
                              "finish or let expire the open papers challenges first",
                              event="challenge_flood")
    challenge = secrets.token_urlsafe(24)
    session.add(PresenceChallenge(challenge=challenge, kiosk_id=kiosk_id,
                                  expires_at=now + CHALLENGE_TTL))
    return {"challenge": challenge, "expires_at": (now + CHALLENGE_TTL).isoformat()}


def search_papers(session: Session, kiosk_id: str, req: contract.PaperSearch) -> dict:
    presence = req.presence
    if presence.id_number != req.owner_id_number:
        raise SecurityRefusal(403, "presence_required",
                              "the chip read is of another person", event="papers_other_person")
    if presence.passive_authentication not in VERIFIED:
        raise SecurityRefusal(403, "presence_required",
                              "the chip read was not verified (passive authentication)",
                              event="papers_unverified_chip")
    now = utcnow()
    spent = session.execute(
        update(PresenceChallenge)
        .where(PresenceChallenge.challenge == presence.challenge,
               PresenceChallenge.kiosk_id == kiosk_id, PresenceChallenge.used_at.is_(None),
               PresenceChallenge.expires_at > now)
        .values(used_at=now, sod_sha256=presence.sod_sha256)
        .returning(PresenceChallenge.challenge)).first()
    if spent is None:
        raise SecurityRefusal(403, "presence_required",
                              "the challenge is unknown, used, expired or another kiosk's",
                              event="papers_without_presence")
    query = select(ReusablePaper).where(ReusablePaper.owner_id_number == req.owner_id_number)
    papers = session.scalars(query.order_by(ReusablePaper.id)).all()
    return {"papers": [{"MaKetQua": p.result_code, "TenGiayTo": p.paper_name,
                        "SoKyHieu": p.reference_no, "CoQuanChuQuan": p.issuing_agency,
                        "MaTTHC": p.procedure_code, "attachment_id": p.attachment_id}
                       for p in papers]}
