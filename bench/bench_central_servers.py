"""Why Granian: the central's health endpoint under three WSGI servers while slow clients
hold connections (each sends part of a request head, then one byte every 2 s).

For each server: the time a legitimate ``GET /v1/health`` takes alone (median of 20), then
beside ``--slow`` slow connections (10 requests, each given 3 s), and how many of the slow
clients' bytes the server refused because it had cut their connection.
gunicorn and waitress are not dependencies of the project: install them to compare
(``pip install gunicorn waitress``); a server that is not installed is skipped.

    .venv/bin/python bench/bench_central_servers.py [--slow 300]
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = '''
import tempfile
from pathlib import Path
from sqlalchemy.orm import sessionmaker
from sync.central.app import CentralApp, CentralConfig
from sync.central.server import make_engine
_dir = Path(tempfile.mkdtemp())
app = CentralApp(sessionmaker(make_engine(f"sqlite:///{_dir}/c.db")), CentralConfig(files_dir=_dir))
'''


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def commands(port: int) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "granian (kiosk central serve)": [py, "-m", "sync.central", "serve", "--port", str(port),
                                          "--data-dir", tempfile.mkdtemp(), "--workers", "1"],
        "gunicorn gthread": [py, "-m", "gunicorn", "-k", "gthread", "--threads", "16",
                             "-w", "1", "-b", f"127.0.0.1:{port}", "bench_app:app"],
        "waitress": [py, "-m", "waitress", "--threads", "16", f"--port={port}",
                     "--host=127.0.0.1", "bench_app:app"],
    }


def health_ms(port: int, timeout_s: float = 60) -> float:
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as sock:
        sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: c\r\nConnection: close\r\n\r\n")
        while sock.recv(65536):
            pass
    return (time.perf_counter() - started) * 1000


def wait_listening(port: int, proc: subprocess.Popen) -> bool:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            health_ms(port)
            return True
        except OSError:
            time.sleep(0.1)
    return False


def run(name: str, cmd: list[str], port: int, slow: int, app_dir: str) -> dict | None:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{app_dir}"}
    proc = subprocess.Popen(cmd, cwd=app_dir, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if not wait_listening(port, proc):
            return None
        quiet = [health_ms(port) for _ in range(20)]
        socks = []
        for _ in range(slow):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: c\r\n")
            socks.append(sock)
        loaded, cut = [], 0
        for _ in range(10):  # one byte per slow connection every 2 s or so
            for sock in socks:
                try:
                    sock.send(b"X")
                except OSError:
                    cut += 1
            try:
                loaded.append(health_ms(port, timeout_s=3))
            except OSError:  # not answered within 3 s
                loaded.append(float("inf"))
            time.sleep(2)
        for sock in socks:
            sock.close()
        answered = [x for x in loaded if x != float("inf")]
        return {"server": name, "quiet_p50_ms": round(statistics.median(quiet), 1),
                "slow": slow, "loaded_answered": f"{len(answered)}/{len(loaded)} within 3 s",
                "loaded_p50_ms": round(statistics.median(answered), 1) if answered else None,
                "slow_sends_refused": cut}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slow", type=int, default=300)
    args = parser.parse_args()
    app_dir = tempfile.mkdtemp(prefix="bench-servers-")
    Path(app_dir, "bench_app.py").write_text(APP)
    port = free_port()  # one server at a time
    for name, cmd in commands(port).items():
        module = cmd[2]
        if module != "sync.central" and subprocess.run(
                [sys.executable, "-c", f"import {module}"], capture_output=True).returncode:
            print(json.dumps({"server": name, "skipped": "not installed"}), flush=True)
            continue
        print(json.dumps(run(name, cmd, port, args.slow, app_dir) or
                         {"server": name, "error": "did not start"}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
