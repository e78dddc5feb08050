"""The dashboard's door and the ratings endpoint, without a browser: every malformed request
a clear 4xx, nothing without a session or a signature, a resent rating counted once."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import requests
from sqlalchemy import func, select

from sync import ratings
from sync.central.models import LoginFailure, Rating
from sync.central.server import CentralServer
from sync.central.staff import add_staff, verify_password
from sync.errors import PermanentError
from sync.store.models_rating import Rating as KioskRating
from sync.worker import SyncWorker
from tests.sync.conftest import provisioned

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def staffed(central):
    with central.app.Session() as session:
        add_staff(session, "can-bo", PASSWORD)
        session.commit()
    return central


def _rating(n: int, at: datetime | None = None, level: str = "satisfied") -> dict:
    return {"id": n, "at": (at or datetime.now(timezone.utc)).isoformat(), "level": level,
            "reasons": []}


def test_ratings_counted_once_and_checked(central, kiosk_client):
    assert kiosk_client.send_ratings([_rating(1), _rating(2, level="unsatisfied")]) == ([1, 2], [])
    assert kiosk_client.send_ratings([_rating(2, level="unsatisfied")]) == ([2], [])  # a resend
    with central.app.Session() as s:
        assert s.scalar(select(func.count()).select_from(Rating)) == 2
    now = datetime.now(timezone.utc)
    ahead, ancient = now + timedelta(days=1), now - timedelta(days=401)
    # refused one by one for their time, not with the batch: the rating beside them is kept
    assert kiosk_client.send_ratings([_rating(3, ahead), _rating(4), _rating(5, ancient)]) == (
        [4], [3, 5])
    with central.app.Session() as s:
        assert sorted(s.scalars(select(Rating.entry_id))) == [1, 2, 4]
    with pytest.raises(PermanentError) as refused:
        kiosk_client.send_ratings([{**_rating(4), "level": "angry"}])
    assert refused.value.status == 422
    unsigned = requests.post(central.url + "/v1/ratings", json={"ratings": [_rating(6)]})
    assert unsigned.status_code == 401


def test_a_rating_given_while_the_kiosk_clock_was_wrong_does_not_stall_the_others(
        central, kiosk_store, tmp_path):
    """The kiosk sends its oldest unsent ratings first.  One dated a day ahead (a clock not
    yet set by NTP) was refused with the whole batch, on every heartbeat, so no later rating
    of that kiosk ever reached the dashboard.  Now it is refused alone and settled."""
    settings = provisioned(central, tmp_path, numbering="local")
    now = datetime.now(timezone.utc)
    with kiosk_store.session() as s:
        s.add_all([KioskRating(at=at, kiosk_id=settings.kiosk_id, level=level, reasons=[])
                   for at, level in ((now + timedelta(days=1), "unsatisfied"),
                                     (now, "very_satisfied"), (now, "satisfied"))])
    worker = SyncWorker(kiosk_store, settings)
    worker.run_once()
    worker.close()
    with central.app.Session() as s:
        assert sorted(s.scalars(select(Rating.level))) == ["satisfied", "very_satisfied"]
    assert ratings.unsent(kiosk_store) == []  # nothing left to send again


def test_dashboard_door(staffed):
    url = staffed.url + "/dashboard"
    form = {"username": "can-bo", "password": PASSWORD}
    assert requests.get(url + "/summary.json").status_code == 401
    put = requests.put(url + "/login")
    assert put.status_code == 405 and put.headers["Allow"] == "GET, POST"
    assert requests.get(url + "/static/../app.py").status_code == 404
    assert requests.post(url + "/login", json=form).status_code == 415
    assert requests.post(url + "/login", data={"username": "x" * 3000}).status_code == 413
    assert requests.post(url + "/login", data="password=a&password=b", headers={
        "Content-Type": "application/x-www-form-urlencoded"}).status_code == 400
    assert requests.post(url + "/login", data=b"\xff\xfe=1", headers={
        "Content-Type": "application/x-www-form-urlencoded"}).status_code == 400
    forged = requests.post(url + "/login", data=form, allow_redirects=False,
                           headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403 and "Set-Cookie" not in forged.headers
    ok = requests.post(url + "/login", data=form, allow_redirects=False)
    assert ok.status_code == 303
    assert "HttpOnly" in ok.headers["Set-Cookie"] and "SameSite=Strict" in ok.headers["Set-Cookie"]
    page = requests.get(url + "/", cookies=ok.cookies)
    assert page.status_code == 200 and "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert requests.get(url + "/summary.json", cookies={"motcua_staff": "x" * 43}).status_code == 401


def test_password_guessing_is_throttled(staffed):
    url = staffed.url + "/dashboard/login"
    codes = [requests.post(url, data={"username": "can-bo", "password": f"doan-sai-{n}"}).status_code
             for n in range(6)]
    assert codes == [401] * 5 + [429]
    # even the right password waits out the window: a guesser learns nothing
    assert requests.post(url, data={"username": "can-bo", "password": PASSWORD}).status_code == 429


def test_password_guesses_are_counted_across_central_processes(staffed, central_db, tmp_path):
    """Two centrals on one database (two processes behind a load balancer): the throttle
    counted per process, so each allowed its own 5 guesses.  Now they share one count, and
    what is kept of a failed login is not what was typed."""
    other = CentralServer(central_db, files_dir=tmp_path / "other-files").start()
    try:
        guesses = [(central.url + "/dashboard/login", n) for n in range(3) for central in
                   (staffed, other)][:5]
        codes = [requests.post(url, data={"username": "can-bo", "password": f"doan-sai-{n}"})
                 .status_code for url, n in guesses]
        assert codes == [401] * 5
        for central in (staffed, other):
            assert requests.post(central.url + "/dashboard/login", data={
                "username": "can-bo", "password": PASSWORD}).status_code == 429
        with staffed.app.Session() as s:
            kept = s.scalars(select(LoginFailure.username_sha256)).all()
        assert len(kept) == 5 and "can-bo" not in kept
    finally:
        other.stop()


def test_password_hash_is_scrypt_with_salt():
    from sync.central.staff import hash_password

    one, two = hash_password(PASSWORD), hash_password(PASSWORD)
    assert one.startswith("scrypt$16384$8$1$") and one != two and PASSWORD not in one
    assert verify_password(PASSWORD, one) and not verify_password(PASSWORD + "x", one)
    assert not verify_password(PASSWORD, "scrypt$999999999$8$1$00$00")  # no huge cost from a bad row
