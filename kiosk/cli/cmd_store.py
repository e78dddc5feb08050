"""Technician commands on the local store: key rotation, a proof that the key opens
everything, and recorded device faults."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("store", help="the local encrypted store")
    p.add_argument("--config", type=Path, help="configuration file (TOML)")
    actions = p.add_subparsers(dest="store_action", metavar="ACTION", required=True)
    actions.add_parser("rotate-key", help="re-encrypt everything with a new key, then retire the old one")
    actions.add_parser("check", help="prove that every record and file decrypts with the key file")
    faults = actions.add_parser("faults", help="list recorded device faults")
    faults.add_argument("--limit", type=int, default=50)
    actions.add_parser("ratings", help="satisfaction ratings given at this kiosk, with the share satisfied")
    p.set_defaults(handler=cmd_store)


def cmd_store(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load
    from sync.store import StoreError, open_store
    try:
        config = load(args.config)
        store = open_store(config.kiosk.resolved_data_dir() / "kiosk.db", config.kiosk.resolved_key_file())
    except (ConfigError, StoreError) as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        if args.store_action == "rotate-key":
            key_id = store.rotate_key()
            print(f"store re-encrypted with key {key_id}; older keys retired")
        elif args.store_action == "check":
            return print_check(store)
        elif args.store_action == "ratings":
            print_ratings(store)
        else:
            from sqlalchemy import select

            from sync.store.models import DeviceFault
            with store.session() as s:
                rows = s.scalars(select(DeviceFault).order_by(DeviceFault.id.desc()).limit(args.limit)).all()
            for f in rows:
                print(f"{f.at:%Y-%m-%d %H:%M:%S}  {f.device:10s} {f.kind:16s} {f.detail}")
            if not rows:
                print("no device faults recorded")
    finally:
        store.close()
    return 0


def print_check(store) -> int:
    """Every sealed value and stored file opened with the key ring; 1 if any does not."""
    from sync.store.check import check_store
    report = check_store(store)
    for failure in report.failures:
        print(f"DOES NOT DECRYPT: {failure}")
    verdict = "all decrypt" if not report.failures else f"{len(report.failures)} do not decrypt"
    print(f"{report.records} sealed values and {report.files} files checked: {verdict}")
    return 1 if report.failures else 0


def print_ratings(store) -> None:
    """Counts per level and the share satisfied (the measure of Decision 766/QĐ-TTg)."""
    from collections import Counter

    from sqlalchemy import select

    from sync.store.models_rating import Rating
    with store.session() as s:
        rows = s.execute(select(Rating.level, Rating.reasons)).all()
    levels = Counter(level for level, _ in rows)
    reasons = Counter(r for _, rs in rows for r in rs)
    total = len(rows)
    for level in ("very_satisfied", "satisfied", "unsatisfied"):
        print(f"{level:15s} {levels[level]}")
    if total:
        print(f"satisfied share: {100 * (levels['very_satisfied'] + levels['satisfied']) / total:.1f}% of {total}")
    for reason, n in reasons.most_common():
        print(f"  reason {reason}: {n}")
