"""Administrator's commands on the central's database: issue a kiosk's enrollment token.

``kiosk central enroll-token --kiosk-id ID --agency A [--centre C] --ttl 2h [--rekey]``
prints a one-time token for that kiosk id, to be typed into ``kiosk provision`` on the
kiosk.  The central keeps only its SHA-256; it is spent by the registration that uses it,
worthless after its lifetime, and a new token for the same kiosk voids the older ones.
Re-keying a registered kiosk needs ``--rekey``: there is no other way to change a kiosk's
secret (no "rotate" a caller could ask for).  The command works on the database directly
(run it on the central's host), so no administrative endpoint is exposed to the network.
"""
from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta
from pathlib import Path

_TTL_RE = re.compile(r"^([0-9]{1,6})([smhd]?)$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_ttl(text: str) -> timedelta:
    """``90m``, ``2h``, ``7d`` or seconds."""
    match = _TTL_RE.match(text.strip())
    if not match:
        raise argparse.ArgumentTypeError("a lifetime like 30m, 2h or 7d")
    return timedelta(seconds=int(match[1]) * _UNITS[match[2]])


def add_enroll_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="",
                        help="the central's SQLAlchemy URL (default: SQLite in --data-dir)")
    parser.add_argument("--data-dir", type=Path, default=Path("central-data"))
    parser.add_argument("--kiosk-id", required=True)
    parser.add_argument("--agency", required=True,
                        help="the receiving agency (QCVN 102:2016 id) the kiosk files for")
    parser.add_argument("--centre", default="",
                        help="the centre whose ticket queues the kiosk uses (default: the agency)")
    parser.add_argument("--ttl", type=parse_ttl, default=parse_ttl("24h"),
                        help="how long the token stays usable (default 24h; 1 minute to 30 days)")
    parser.add_argument("--rekey", action="store_true",
                        help="the kiosk is registered: give it a new secret when it uses the token")


def db_url(args: argparse.Namespace) -> str:
    return args.db or f"sqlite:///{(args.data_dir / 'central.sqlite3').resolve()}"


def issue_token(url: str, kiosk_id: str, agency: str, centre: str, ttl: timedelta,
                rekey: bool = False) -> str:
    from sqlalchemy.orm import sessionmaker

    from sync import contract
    from sync.central.server import make_engine
    from sync.central.service import issue_enrollment_token

    contract.KioskRegistration(kiosk_id=kiosk_id, agency_id=agency)  # the same rules as the API
    engine = make_engine(url)
    try:
        with sessionmaker(engine)() as session:
            token = issue_enrollment_token(session, kiosk_id, agency, centre or agency, ttl, rekey)
            session.commit()
    finally:
        engine.dispose()
    return token


def run_enroll_token(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    try:
        token = issue_token(db_url(args), args.kiosk_id, args.agency, args.centre, args.ttl,
                            args.rekey)
    except (ValueError, ValidationError) as exc:
        print(f"no token issued: {exc}", file=sys.stderr)
        return 1
    hours = args.ttl.total_seconds() / 3600
    print(token)
    print(f"one-time token for kiosk {args.kiosk_id} ({args.agency}), valid {hours:g} h: "
          f"kiosk provision --central URL --kiosk-id {args.kiosk_id} --agency {args.agency} "
          f"--enroll-token TOKEN", file=sys.stderr)
    return 0
