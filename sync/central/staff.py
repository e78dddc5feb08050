"""Staff accounts of the province dashboard: scrypt password hashes and login sessions.

An administrator creates an account on the central's host (``kiosk central add-staff``, the
password read from the terminal or standard input, never from the command line).  Only an
scrypt hash is kept (RFC 7914; n=2^14, r=8, p=1, the interactive-login parameters of the
RFC's §2 discussion and of Python's ``hashlib.scrypt`` documentation), and of a session only
the SHA-256 of its cookie: someone reading the database can take over neither.
"""
from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import re
import secrets
import sys
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sync.central.models import LoginFailure, StaffAccount, StaffSession

USERNAME_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")
MIN_PASSWORD, MAX_PASSWORD = 10, 256
SESSION_TTL = timedelta(hours=8)
_N, _R, _P = 2 ** 14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt" or int(n) > 2 ** 17 or int(r) > 16 or int(p) > 4:
            return False
        got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(digest) // 2)
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


#: a valid hash of nothing anyone knows: an unknown user costs the same scrypt as a known one,
#: so the answer's timing does not tell which usernames exist
_DUMMY = hash_password(secrets.token_hex(16))


def add_staff(session: Session, username: str, password: str, centre_id: str = "",
              now: datetime | None = None) -> None:
    if not USERNAME_RE.fullmatch(username):
        raise ValueError("a username of letters, digits, '.', '_' or '-' (at most 64)")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ValueError(f"a password of {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    account = session.get(StaffAccount, username)
    if account is None:
        account = StaffAccount(username=username, created_at=now or datetime.now(timezone.utc))
        session.add(account)
    account.centre_id, account.password_hash = centre_id, hash_password(password)
    # a new password ends the sessions opened with the old one
    session.execute(delete(StaffSession).where(StaffSession.username == username))


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def log_in(session: Session, username: str, password: str,
           now: datetime) -> str | None:
    """A new session's cookie value, or None (unknown user and wrong password alike)."""
    account = session.get(StaffAccount, username) if USERNAME_RE.fullmatch(username) else None
    ok = verify_password(password, account.password_hash if account else _DUMMY)
    if not (ok and account):
        return None
    session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_sha256=_sha(token), username=username,
                             expires_at=now + SESSION_TTL))
    return token


def session_account(session: Session, token: str, now: datetime) -> StaffAccount | None:
    if not re.fullmatch(r"[A-Za-z0-9_-]{43}", token or ""):
        return None
    row = session.get(StaffSession, _sha(token))
    if row is None or _aware(row.expires_at) <= now:
        return None
    return session.get(StaffAccount, row.username)


def log_out(session: Session, token: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_sha256 == _sha(token or "")))


def _aware(moment: datetime) -> datetime:  # SQLite gives naive UTC back
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class LoginThrottle:
    """At most ``attempts`` failed logins per username in ``window_s`` (a password guesser
    gets 429 afterwards, even with the right password).

    The failures are rows of the central's database, so the processes behind a load
    balancer share one count (a count per process let N of them allow N times the
    guesses), and invented usernames cannot push a real one's failures out of a bounded
    table as they could out of a bounded dictionary.  Rows older than the window are
    deleted as failures come in: the table holds one window of failures at most."""

    def __init__(self, attempts: int = 5, window_s: float = 300) -> None:
        self.attempts, self.window = attempts, timedelta(seconds=window_s)

    def blocked(self, session: Session, username: str, now: datetime) -> bool:
        return (session.scalar(select(func.count()).select_from(LoginFailure).where(
            LoginFailure.username_sha256 == _sha(username),
            LoginFailure.at > now - self.window)) or 0) >= self.attempts

    def failed(self, session: Session, username: str, now: datetime) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - self.window))
        session.add(LoginFailure(username_sha256=_sha(username), at=now))


# ---------------------------------------------------------------- the admin command
def run_add_staff(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sqlalchemy.orm import sessionmaker

    from sync.central.server import make_engine

    password = (sys.stdin.readline().rstrip("\n") if args.password_stdin
                else getpass.getpass("password: "))
    url = args.db or f"sqlite:///{(Path(args.data_dir) / 'central.sqlite3').resolve()}"
    engine = make_engine(url)
    try:
        with sessionmaker(engine)() as session:
            add_staff(session, args.username, password, args.centre)
            session.commit()
    except ValueError as exc:
        print(f"no account made: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"staff account {args.username} ready ({args.centre or 'every centre'})",
          file=sys.stderr)
    return 0
