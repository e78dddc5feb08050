"""A kiosk process for the multi-process tests: drain the outbox, or take numbers at once.

``python -m sync.testing.kiosk_proc numbers STORE KEY SETTINGS_JSON N`` takes N tickets and N
dossier codes through the leased numbering (with the real sync worker refilling leases in the
background) and prints them as JSON.  ``drain`` delivers until the outbox is empty;
``zygote`` forks draining processes on demand (for the kill -9 test).
"""
from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from sync.settings import SyncSettings


def _open(store_path: str, key_path: str):
    from sync.store import open_store

    return open_store(Path(store_path), Path(key_path))


def drain(store_path: str, key_path: str, settings: SyncSettings, timeout_s: float = 120,
          on_ready=lambda: None) -> int:
    """Deliver everything due; returns how many dossiers are still pending.

    ``on_ready`` is called once the store is open and the worker built (the benchmark's
    clock starts there: it measures delivering, not starting a Python process)."""
    from sync.state import sync_status
    from sync.worker import SyncWorker

    store = _open(store_path, key_path)
    worker = SyncWorker(store, settings)
    on_ready()
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            worker.run_once()
            pending = sync_status(store).pending
            if pending == 0 or time.monotonic() > deadline:
                return pending
            time.sleep(0.02)
    finally:
        worker.close()


def numbers(store_path: str, key_path: str, settings: SyncSettings, count: int,
            attach: bool = False) -> dict:
    """Take ``count`` tickets and file ``count`` dossiers (``attach``: each with one small
    scan whose bytes name the kiosk and the dossier)."""
    from sync.dossiers import NewAttachment, submit_dossier
    from sync.numbering_leased import LeasedTicketNumbers, centre_today, dossier_code_source
    from sync.worker import SyncWorker

    store = _open(store_path, key_path)
    worker = SyncWorker(store, settings)
    worker.run_once()  # leases the first blocks
    worker.start()
    tickets = LeasedTicketNumbers(settings, on_low=worker.request_refill)
    codes = dossier_code_source(settings, on_low=worker.request_refill)
    day = centre_today(datetime.now(timezone.utc))
    got_tickets, got_codes = [], []
    for _ in range(count):
        with store.session() as session:
            got_tickets.append(tickets.allocate(session, "A", day))
        got_codes.append(submit_dossier(
            store, codes, agency_id=settings.agency_id, procedure_code="2.000815",
            procedure_name="Chứng thực bản sao từ bản chính",
            applicant={"full_name": "Lê Hoàng Giả Định", "id_number": "001300000001"},
            answers={}, attachments=[NewAttachment(
                f"{settings.kiosk_id}/{len(got_codes)}".encode() * 64, "Bản chính",
                "ban-chinh.pdf", paper_code="BC01")] if attach else []).code)
    worker.stop()
    return {"tickets": got_tickets, "codes": got_codes}


def zygote(store_path: str, key_path: str, settings: SyncSettings) -> int:
    """Fork draining kiosk processes on demand, from a clean single-threaded process.

    Reads ``fork`` lines on stdin; for each, forks a child that drains the outbox, writes the
    child's pid, waits for it (a test kills it with SIGKILL meanwhile) and writes
    ``exit <signal or code>``.  Imports are paid once, so a trial costs a fork, not a start.
    """
    import os

    import sync.worker  # noqa: F401  (everything a drain needs, loaded before forking)

    for line in sys.stdin:
        if line.strip() != "fork":
            break
        pid = os.fork()
        if pid == 0:
            try:
                drain(store_path, key_path, settings, timeout_s=30)
            finally:
                os._exit(0)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"code {os.WEXITSTATUS(status)}"
        print(f"exit {how}", flush=True)
    return 0


def main(argv: list[str]) -> int:
    mode, store_path, key_path, settings_json = argv[:4]
    settings = SyncSettings.from_json(settings_json)
    if mode == "drain":
        started = [time.perf_counter()]
        pending = drain(store_path, key_path, settings,
                        on_ready=lambda: started.__setitem__(0, time.perf_counter()))
        print(json.dumps({"pending": pending, "elapsed_s": time.perf_counter() - started[0]}), flush=True)
        return 1 if pending else 0
    if mode == "zygote":
        return zygote(store_path, key_path, settings)
    if mode == "numbers":
        print(json.dumps(numbers(store_path, key_path, settings, int(argv[4]),
                                 attach=argv[5:6] == ["attach"])), flush=True)
        return 0
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
