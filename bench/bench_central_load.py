"""Load on the central as production runs it: signed dossiers per second and latency with
8, 32 and 128 kiosks at once on PostgreSQL, then the same beside 2,000 slow connections and
beside 2,000 idle ones.

Each kiosk is a thread of one of several client processes (the GIL of one process would be
the bottleneck, not the central): it sends one dossier with a 2 KiB scan as a signed bundle
(``CentralClient.submit_bundle``, the kiosk's own code path, answers verified), waits for
the answer and sends the next.  Kiosks belong to their own agency each, so dossier codes
never run out.  The slow or idle connections are a separate process: a slow one sends part
of a request head then one byte every 5 s, an idle one sends nothing; each is opened again
when the server cuts it (so the server also closes hundreds at once, which stalled the old
``wsgiref`` server for seconds).

    .venv/bin/python bench/bench_central_load.py [--seconds 20] [--workers 2] [--slow 2000]
        [--idle 2000] [--levels 8,32,128] [--beside 8,32,128]

Runs by hand (not in the suite); prints one JSON line per level.  Needs ``ulimit -n`` above
the slow connections (the script raises its own soft limit).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCAN = bytes(range(256)) * 8  # 2 KiB


def agency(index: int) -> str:
    return f"000.00.{index // 36:02d}.K{'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[index % 36]}0"


def enroll(db_url: str, url: str, count: int) -> list[tuple[str, str, str]]:
    """Register ``count`` kiosks; (kiosk id, agency, secret hex) each."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    from sync.central.service import issue_enrollment_token
    from sync.client import CentralClient

    engine = create_engine(db_url)
    kiosks = []
    for index in range(count):
        kiosk_id = f"bench-{index:03d}"
        with sessionmaker(engine)() as session:
            token = issue_enrollment_token(session, kiosk_id, agency(index), "C01",
                                           timedelta(hours=1))
            session.commit()
        client = CentralClient(url, kiosk_id, None, allow_http=True)
        secret = client.register(token, agency(index))
        client.close()
        kiosks.append((kiosk_id, agency(index), secret.hex()))
    engine.dispose()
    return kiosks


def _kiosk_loop(url: str, kiosk: tuple[str, str, str], seq_start: int, stop_at: float,
                out: list) -> None:
    from sync.client import CentralClient, canonical_json
    from sync.testing.samples import submission

    kiosk_id, agency_id, secret = kiosk
    client = CentralClient(url, kiosk_id, bytes.fromhex(secret), allow_http=True,
                           read_timeout=30)
    seq = seq_start
    while time.monotonic() < stop_at:
        sub = submission(seq, [SCAN], agency=agency_id)
        started = time.perf_counter()
        try:
            client.submit_bundle(sub["dossier_id"], canonical_json(sub), [SCAN])
            out.append(time.perf_counter() - started)
        except Exception as exc:  # counted, the bench goes on
            out.append(-1.0)
            print(f"{kiosk_id}: {type(exc).__name__}: {exc}"[:200], file=sys.stderr)
        seq += 1
    client.close()


def client_process(url: str, kiosks: list, seq_start: int, seconds: float, start_at: float,
                   queue) -> None:
    while time.time() < start_at:
        time.sleep(0.01)
    stop_at = time.monotonic() + seconds
    results: list[float] = []
    threads = [threading.Thread(target=_kiosk_loop, args=(url, k, seq_start, stop_at, results))
               for k in kiosks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(results)


def slow_connections(port: int, count: int, ready, stop, idle: bool = False) -> None:
    """Hold ``count`` connections that send a request head one byte every 5 s (``idle``:
    that send nothing at all)."""
    from sync.central.production import raise_open_files_limit

    raise_open_files_limit()
    socks: list[socket.socket] = []

    def opened() -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setblocking(False)
        if not idle:
            sock.send(b"POST /v1/heartbeat HTTP/1.1\r\nHost: c\r\n")
        return sock

    socks = [opened() for _ in range(count)]
    ready.set()
    reopened = 0
    while not stop.is_set():
        for index, sock in enumerate(socks):
            try:
                if not idle:
                    sock.send(b"X")
                if sock.recv(1, socket.MSG_PEEK) == b"":
                    raise ConnectionResetError
            except BlockingIOError:
                continue
            except OSError:
                sock.close()
                socks[index] = opened()
                reopened += 1
        stop.wait(5)
    print(json.dumps({"idle_connections_reopened" if idle else "slow_connections_reopened":
                      reopened}), flush=True)
    for sock in socks:
        sock.close()


def measure(url: str, kiosks: list, seconds: float, processes: int, seq_start: int) -> dict:
    queue = mp.Queue()
    start_at = time.time() + 1
    groups = [kiosks[i::processes] for i in range(processes)]
    procs = [mp.Process(target=client_process, args=(url, g, seq_start, seconds, start_at, queue))
             for g in groups if g]
    for proc in procs:
        proc.start()
    latencies = [x for _ in procs for x in queue.get()]
    for proc in procs:
        proc.join()
    ok = sorted(x for x in latencies if x >= 0)
    q = statistics.quantiles(ok, n=100) if len(ok) > 2 else [0.0] * 99
    return {"kiosks": len(kiosks), "dossiers": len(ok), "errors": len(latencies) - len(ok),
            "dossiers_per_s": round(len(ok) / seconds, 1), "p50_ms": round(q[49] * 1000, 1),
            "p95_ms": round(q[94] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
            "max_ms": round(ok[-1] * 1000, 1) if ok else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2, help="central processes")
    parser.add_argument("--slow", type=int, default=2000, help="slow connections (0: none)")
    parser.add_argument("--idle", type=int, default=2000, help="idle connections (0: none)")
    parser.add_argument("--levels", default="8,32,128", help="kiosks at once, alone")
    parser.add_argument("--beside", default="8,32,128",
                        help="kiosks at once beside the slow, then the idle connections")
    args = parser.parse_args()

    from sync.central.production import raise_open_files_limit
    from sync.testing.central_proc import CentralProcess
    from sync.testing.pgcluster import PgCluster

    raise_open_files_limit()
    levels = [int(n) for n in args.levels.split(",")]
    beside = [int(n) for n in args.beside.split(",")]
    cluster = PgCluster().start()
    central = None
    try:
        db_url = cluster.create_database("bench_" + uuid.uuid4().hex[:8])
        folder = Path(tempfile.mkdtemp(prefix="bench-central-"))
        central = CentralProcess(folder, db_url, "--workers", str(args.workers),
                                 "--threads", "32").start()
        kiosks = enroll(db_url, central.url, max(levels + beside))
        processes = min(4, os.cpu_count() or 2)
        # each phase numbers its dossiers from its own block: a code's counter ends at 9999
        held_kinds = (args.slow > 0) + (args.idle > 0)
        step = 9999 // (len(levels) + held_kinds * len(beside))
        seq = 1
        for level in levels:
            result = measure(central.url, kiosks[:level], args.seconds, processes, seq)
            seq += step
            print(json.dumps({"level": "kiosks", **result}), flush=True)
        for kind, count in (("slow", args.slow), ("idle", args.idle)):
            if not count:
                continue
            ready, stop = mp.Event(), mp.Event()
            held = mp.Process(target=slow_connections,
                              args=(central.port, count, ready, stop, kind == "idle"))
            held.start()
            ready.wait(120)
            for level in beside:
                result = measure(central.url, kiosks[:level], args.seconds, processes, seq)
                seq += step
                print(json.dumps({"level": f"kiosks beside {count} {kind} connections",
                                  **result}), flush=True)
            stop.set()
            held.join(30)
    finally:
        if central is not None:
            central.stop()
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
