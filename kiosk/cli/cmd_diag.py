"""``kiosk diag``: every device and service checked headless, for SSH and monitoring.

One line per check (``--json`` for a machine), each bounded to a few seconds. Exit 0 when
nothing is faulty (warnings included), 1 when something is, 2 when the configuration is
broken. No Qt.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diag", help="check every device and service (ok / warning / fault)")
    p.add_argument("--config", type=Path, help="configuration file (TOML)")
    p.add_argument("--json", action="store_true", help="one JSON document instead of lines")
    p.add_argument("--only", help="comma-separated checks, e.g. printer,qr_camera")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the reasons")
    p.set_defaults(handler=cmd_diag)


def _open_store(config):
    """The kiosk's store when it exists (never create one just to look at it)."""
    from sync.store import open_store

    db, key = config.kiosk.resolved_data_dir() / "kiosk.db", config.kiosk.resolved_key_file()
    return open_store(db, key) if db.exists() and key.exists() else None


def cmd_diag(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load
    from kiosk.diagnostics import CHECK_NAMES, DiagEnv, run_checks
    from kiosk.diagnostics.result import Status

    only = [n.strip() for n in args.only.split(",") if n.strip()] if args.only else None
    unknown = sorted(set(only or ()) - set(CHECK_NAMES))
    if unknown:
        print(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(CHECK_NAMES)}", file=sys.stderr)
        return 2
    try:
        config = load(args.config)
    except ConfigError as exc:
        if args.json:
            print(json.dumps({"ok": False, "config_error": str(exc)}, ensure_ascii=False))
        else:
            print(f"CONFIG  fault  {exc}", file=sys.stderr)
        return 2
    store = None
    try:
        store = _open_store(config)
    except Exception as exc:  # noqa: BLE001 - the store check reports it; the rest still runs
        print(f"(store not opened: {type(exc).__name__})", file=sys.stderr)
    try:
        results = run_checks(DiagEnv(config, store), only, config.technician.check_timeout_s)
    finally:
        if store is not None:
            store.close()
    faulty = any(r.status is Status.FAULT for r in results)
    if args.json:
        print(json.dumps({"ok": not faulty, "checks": [r.to_dict() for r in results]},
                         ensure_ascii=False, indent=1, default=str))
    else:
        for r in results:
            print(f"{r.name:<12} {r.status.value:<8} {r.text(args.lang)}  ({r.duration_ms:.0f} ms)")
    return 1 if faulty else 0
