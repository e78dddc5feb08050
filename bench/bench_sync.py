"""Sync benchmark: drain dossiers of 3 × 300 KB attachments to the central on loopback.

    .venv/bin/python bench/bench_sync.py [--dossiers 1000] [--db pg|sqlite]

Targets (issue 5): throughput ≥ 0.8 × a plain upload loop of the same bytes in the same run;
peak memory of the draining kiosk process ≤ 150 MB and flat in the number of dossiers.
The central (``python -m sync.central serve``) and a plain "sink" HTTP server (same threaded
stdlib server, writes each body to a file) run as their own processes; the kiosk drains in its
own process (``sync.testing.kiosk_proc drain``) whose RSS is sampled every 0.2 s.
Prints a Markdown table for docs/benchmarks.md ``## sync``.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ATTACHMENT = 300 * 1024


def sink_serve(port_file: str, out_dir: str) -> None:
    """The baseline's server: accept a POSTed body, write it to a file, answer 201.

    ``/durable`` also fsyncs the file before answering, as the central does before it
    acknowledges (a kiosk purges what the central acknowledged)."""
    import uuid
    from wsgiref.simple_server import make_server

    from sync.central.server import _QuietHandler, _ThreadingWSGIServer

    def app(environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        with open(Path(out_dir) / uuid.uuid4().hex, "wb") as fh:
            fh.write(body)
            if environ["PATH_INFO"] == "/durable":
                fh.flush()
                os.fsync(fh.fileno())
        start_response("201 Created", [("Content-Length", "0")])
        return [b""]

    httpd = make_server("127.0.0.1", 0, app, server_class=_ThreadingWSGIServer,
                        handler_class=_QuietHandler)
    Path(port_file).write_text(str(httpd.server_address[1]))
    httpd.serve_forever()


def provision_bench_kiosk(db_url: str, settings) -> None:
    """What ``kiosk central enroll-token`` and ``kiosk provision`` do, before the clock starts."""
    from datetime import timedelta

    from sync.central.admin import issue_token
    from sync.credentials import enroll
    from sync.worker import make_client

    token = issue_token(db_url, settings.kiosk_id, settings.agency_id, "", timedelta(hours=1))
    client = make_client(settings)
    try:
        enroll(settings, client, token)
    finally:
        client.close()


def wait_file(path: Path, proc: subprocess.Popen) -> str:
    deadline = time.monotonic() + 60
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"server did not start ({path.name})")
        time.sleep(0.05)
    time.sleep(0.05)
    return path.read_text()


def cpu_split(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used so far."""
    return sum(cpu_split(pid))


def own_cpu_s() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tree_cpu_s(root_pid: int) -> float:
    """CPU seconds of a process and its children (PostgreSQL's backends), alive ones only."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        if pid == root_pid or int(fields[1]) == root_pid:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--db", choices=("pg", "sqlite"), default="pg")
    parser.add_argument("--parallel", type=int, default=4, help="parallel_deliveries")
    parser.add_argument("--workers", type=int, default=1, help="central processes")
    parser.add_argument("--bundle-max", type=int, default=4 << 20,
                        help="bundle_max_bytes (0: every attachment in resumable chunks)")
    parser.add_argument("--profile-kiosk", metavar="FILE",
                        help="run the drain under cProfile (main thread only: use --parallel 1)")
    parser.add_argument("--sink-serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink_serve:
        sink_serve(*args.sink_serve)
        return

    import requests

    from sync.dossiers import NewAttachment, submit_dossier
    from sync.numbering_leased import dossier_code_source
    from sync.settings import SyncSettings
    from sync.store import open_store
    from sync.testing.pgcluster import PgCluster

    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    cluster = None
    procs: list[subprocess.Popen] = []
    try:
        if args.db == "pg":
            cluster = PgCluster().start()
            db_url = cluster.create_database("central")
        else:
            db_url = f"sqlite:///{work / 'central.sqlite3'}"
        central = subprocess.Popen(
            [sys.executable, "-m", "sync.central", "serve", "--db", db_url, "--port", "0",
             "--data-dir", str(work / "central"), "--ready-file", str(work / "central.url"),
             "--workers", str(args.workers)],
            cwd=ROOT, env=ENV,
            stdout=subprocess.DEVNULL, stderr=open(work / "central.log", "wb"))
        procs.append(central)
        (work / "sink").mkdir()
        sink = subprocess.Popen([sys.executable, __file__, "--sink-serve",
                                 str(work / "sink.port"), str(work / "sink")], cwd=ROOT, env=ENV)
        procs.append(sink)
        central_url = wait_file(work / "central.url", central)
        sink_url = f"http://127.0.0.1:{wait_file(work / 'sink.port', sink)}"

        settings = SyncSettings(central_url=central_url, kiosk_id="bench-kiosk",
                                dev_insecure_http=True,
                                credentials_path=str(work / "cred.json"), heartbeat_interval_s=5,
                                parallel_deliveries=args.parallel,
                                bundle_max_bytes=args.bundle_max)
        provision_bench_kiosk(db_url, settings)
        store_path, key_path = work / "kiosk" / "kiosk.db", work / "keys" / "store.key"
        store = open_store(store_path, key_path)
        codes = dossier_code_source(settings)
        plain_dir = work / "plain"
        plain_dir.mkdir()
        t0 = time.perf_counter()
        for i in range(args.dossiers):
            blobs = [os.urandom(ATTACHMENT) for _ in range(3)]
            for j, blob in enumerate(blobs):
                (plain_dir / f"{i:05d}-{j}").write_bytes(blob)
            submit_dossier(store, codes, agency_id=settings.agency_id, procedure_code="1.004222",
                           procedure_name="Đăng ký thường trú",
                           applicant={"full_name": "Nguyễn Thị Thử", "id_number": "001300000002"},
                           answers={"bench": i},
                           attachments=[NewAttachment(b, f"Giấy tờ {j}", f"gt{j}.pdf")
                                        for j, b in enumerate(blobs)])
        queue_s = time.perf_counter() - t0
        store.close()
        total_bytes = args.dossiers * 3 * ATTACHMENT

        # the plain loop: the same bytes, read from disk, POSTed one by one
        def plain_loop(path_info: str) -> float:
            session = requests.Session()
            t0 = time.perf_counter()
            for path in sorted(plain_dir.iterdir()):
                resp = session.post(sink_url + path_info, data=path.read_bytes(), timeout=30)
                resp.raise_for_status()
            return time.perf_counter() - t0

        cpu0 = own_cpu_s() + cpu_s(sink.pid)
        plain_s = plain_loop("/upload")
        plain_cpu = own_cpu_s() + cpu_s(sink.pid) - cpu0
        durable_s = plain_loop("/durable")

        # the sync path, in its own process, RSS sampled
        drain = subprocess.Popen(
            [sys.executable, *(["-m", "cProfile", "-o", args.profile_kiosk]
                               if args.profile_kiosk else []),
             "-m", "sync.testing.kiosk_proc", "drain", str(store_path),
             str(key_path), settings.to_json()], cwd=ROOT, env=ENV, stdout=subprocess.PIPE)
        samples: list[tuple[float, float]] = []

        def sample() -> None:
            while drain.poll() is None:
                try:
                    rss = rss_mb(drain.pid)
                except OSError:
                    return
                if rss:  # 0: the process is exiting (no VmRSS line any more)
                    samples.append((time.perf_counter(), rss))
                time.sleep(0.2)

        postmaster = (int((cluster.data / "postmaster.pid").read_text().split()[0])
                      if cluster else 0)
        central_cpu0 = cpu_split(central.pid)
        t0 = time.perf_counter()
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        drain_cpu, drain_split = 0.0, (0.0, 0.0)
        pg_cpu0 = tree_cpu_s(postmaster) if postmaster else 0.0
        while drain.poll() is None:  # the drain's own CPU, read just before it exits
            try:
                drain_split = cpu_split(drain.pid)
                drain_cpu = sum(drain_split)
            except (OSError, IndexError):
                pass
            time.sleep(0.1)
        out, _ = drain.communicate()
        rc = drain.returncode
        pg_cpu = (tree_cpu_s(postmaster) - pg_cpu0) if postmaster else 0.0
        central_split = [b - a for a, b in zip(central_cpu0, cpu_split(central.pid))]
        central_cpu = sum(central_split)
        wall_s = time.perf_counter() - t0
        # the drain's own clock starts after the interpreter and the store are up
        sync_s = json.loads(out.decode().strip().splitlines()[-1])["elapsed_s"]
        sampler.join()
        if rc != 0:
            raise SystemExit("drain did not finish")
        delivered = len(list((work / "central" / "attachments").rglob("*")))
        peak = max(m for _, m in samples)
        n = len(samples)
        quart = [samples[min(n - 1, int(n * q))][1] for q in (0.25, 0.5, 0.75, 0.99)]
        mb = total_bytes / 1e6
        print(f"| dossiers queued (3 × 300 KB, encrypted, FULL sync) | {args.dossiers} in {queue_s:.1f} s | |")
        print(f"| plain upload loop, same {mb:.0f} MB | {plain_s:.1f} s, {mb / plain_s:.0f} MB/s | |")
        print(f"| sync drain (signed, verified, resumable, committed) | {sync_s:.1f} s, {mb / sync_s:.0f} MB/s "
              f"({wall_s:.1f} s with process start) | |")
        print(f"| plain loop, server fsyncs each file | {durable_s:.1f} s, {mb / durable_s:.0f} MB/s | |")
        print(f"| throughput ratio sync / plain | {plain_s / sync_s:.2f} | ≥ 0.8 |")
        print(f"| throughput ratio sync / plain with fsync | {durable_s / sync_s:.2f} | |")
        per = 1000 / args.dossiers
        print(f"| CPU per dossier, plain loop (client + server) | {plain_cpu * per:.1f} ms | |")
        print(f"| CPU per dossier, sync (kiosk ≥ {drain_cpu * per:.1f} ms + central "
              f"{central_cpu * per:.1f} ms, PostgreSQL not counted) | "
              f"{(drain_cpu + central_cpu) * per:.1f} ms | |")
        print(f"| of which user / system: kiosk {drain_split[0] * per:.1f} / {drain_split[1] * per:.1f} ms, "
              f"central {central_split[0] * per:.1f} / {central_split[1] * per:.1f} ms; "
              f"PostgreSQL {pg_cpu * per:.1f} ms | | |")
        print(f"| peak RSS of the draining kiosk process | {peak:.0f} MB | ≤ 150 MB |")
        print(f"| RSS at 25/50/75/99 % of the drain | {' / '.join(f'{q:.0f}' for q in quart)} MB | flat |")
        print(f"(central attachment dir entries: {delivered}, db={args.db}, parallel={args.parallel}, workers={args.workers}, "
              f"bundle_max={args.bundle_max}, load average {os.getloadavg()[0]:.1f})")
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(10)
        if cluster:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
