"""``kiosk sync status|run|retry``: the outbox to the central system, for staff over SSH.

Headless (no Qt).  Reads the same store as the running kiosk, so ``status`` shows what the
screen shows; ``run`` delivers now, from this process (safe beside the kiosk: every step is
idempotent at the central and the store serialises writers).
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="dossiers waiting for the central system")
    p.add_argument("--config", help="configuration file (default: the kiosk's)")
    p.add_argument("--store", type=Path, help="store database file (default: from the config)")
    p.add_argument("--key", type=Path, help="store key file (default: from the config)")
    actions = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="pending, failing, last success")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=cmd_status)
    run = actions.add_parser("run", help="deliver what is due now")
    run.add_argument("--until-empty", action="store_true",
                     help="keep going until nothing is pending (or --timeout)")
    run.add_argument("--timeout", type=float, default=300.0, help="seconds, with --until-empty")
    run.set_defaults(handler=cmd_run)
    retry = actions.add_parser("retry", help="try a failed dossier again")
    retry.add_argument("ref", metavar="ID", help="outbox id, dossier code, dossier id, or 'all'")
    retry.set_defaults(handler=cmd_retry)


def _open(args):
    import msgspec

    from kiosk.config import load
    from sync.store import open_store

    from sync.credentials import credentials_beside

    config = load(Path(args.config) if args.config else None)
    store_path = args.store or config.kiosk.resolved_data_dir() / "kiosk.db"
    key_path = args.key or config.kiosk.resolved_key_file()
    config = msgspec.structs.replace(config, sync=credentials_beside(config.sync, key_path))
    return config, open_store(store_path, key_path)


def _store_errors_as_messages(handler):
    """A lost key or an undecryptable record is one clear line and exit status 2, never a
    traceback (the store's errors say what to do)."""
    @functools.wraps(handler)
    def run(args) -> int:
        from sync.store import StoreError
        try:
            return handler(args)
        except StoreError as exc:
            print(f"kiosk sync: {exc}", file=sys.stderr)
            return 2
    return run


def _when(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z") if moment else "never"


@_store_errors_as_messages
def cmd_status(args) -> int:
    from sync.state import sync_status

    _config, store = _open(args)
    st = sync_status(store)
    if args.json:
        out = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
               for k, v in st.__dict__.items() if k != "failing_items"}
        out["failing_items"] = [i.__dict__ for i in st.failing_items]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"pending:      {st.pending} ({st.retrying} retrying after an error)")
    print(f"failed:       {st.failed} (refused by the central: check, then `kiosk sync retry ID`)")
    print(f"delivered:    {st.delivered}")
    print(f"last success: {_when(st.last_success_at)}")
    if st.last_error:
        print(f"last error:   {_when(st.last_failure_at)}: {st.last_error}")
    if st.breaker_open_until:
        print(f"paused until: {_when(st.breaker_open_until)} (central unreachable)")
    for item in st.failing_items:
        print(f"  #{item.outbox_id} {item.dossier_code} [{item.state}, {item.attempts} attempts] "
              f"{item.last_error}")
    return 0


@_store_errors_as_messages
def cmd_run(args) -> int:
    import time

    from sync.state import sync_status
    from sync.worker import SyncWorker

    config, store = _open(args)
    if not config.sync.central_url:
        print("no central_url in [sync]: nothing to deliver to", file=sys.stderr)
        return 2
    worker = SyncWorker(store, config.sync)
    deadline = time.monotonic() + args.timeout
    total: dict[str, int] = {}
    try:
        while True:
            result = worker.run_once()
            for key, value in result.items():
                total[key] = total.get(key, 0) + value
            pending = sync_status(store).pending
            if not args.until_empty or pending == 0 or time.monotonic() > deadline:
                break
            time.sleep(min(1.0, max(0.05, deadline - time.monotonic())))
    finally:
        worker.close()
    print(", ".join(f"{k}: {v}" for k, v in total.items()) + f"; pending now: {pending}")
    return 0 if pending == 0 and not total.get("failed") else 1


@_store_errors_as_messages
def cmd_retry(args) -> int:
    from sync.state import retry

    _config, store = _open(args)
    count = retry(store, args.ref)
    print(f"re-queued {count} item(s)")
    return 0 if count else 1
