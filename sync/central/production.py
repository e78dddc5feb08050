"""``kiosk central serve``: the central's WSGI app under Granian, a maintained HTTP server.

Why Granian (docs/central.md, "The server"): its HTTP/1 layer (Rust, hyper) reads a
request's headers outside the Python threads, with a deadline for the whole head
(``header_read_timeout``: one byte every 10 s does not keep a connection), hands the body to
the app as a stream (nothing is read before the app asks, so a declared 16 MiB allocates
nothing before the signature is checked), limits requests in flight per worker
(``backpressure``), serves TLS itself, replaces a worker that dies
(``respawn_failed_workers``) and on SIGTERM stops accepting and lets requests in flight
finish (``workers_kill_timeout`` bounds the wait).  gunicorn's threaded worker reads a
request in a pool thread from a blocking socket once its first byte arrived, and waitress
has no TLS and only an inactivity timeout; both measured worse against slow clients.

The workers are separate processes: each builds its own engine in :func:`worker_app` from the
settings the command line put in the environment (``_SETTINGS_ENV``), never a connection
inherited from the parent.
"""
from __future__ import annotations

import json
import logging
import os
import resource
import socket
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.orm import sessionmaker

_SETTINGS_ENV = "KIOSK_CENTRAL_SERVE"
log = logging.getLogger(__name__)


@dataclass
class ServeSettings:
    db_url: str
    files_dir: str
    #: ``s3://bucket/prefix``: attachments in that bucket, not in ``files_dir``
    files: str = ""
    s3_endpoint: str = ""
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    #: WSGI threads per worker: requests in flight wait on PostgreSQL, not on the CPU
    threads: int = 16
    #: connections a worker takes on at once (Granian counts a connection whose head is still
    #: arriving): measured, 64 let 2,000 slow clients starve every kiosk; a connection costs
    #: a socket and a small buffer, the threads bound the work
    backpressure: int = 4096
    #: the whole request head must arrive within this (slowloris)
    header_timeout_s: float = 10.0
    #: SIGTERM: requests in flight get this long to finish before their worker is killed
    graceful_s: int = 20
    tls_cert: str = ""
    tls_key: str = ""
    ready_file: str = ""


def _free_port(host: str) -> int:
    """``--port 0`` for tests and the demo: a free port picked here, because each worker
    binds the address itself (SO_REUSEPORT) and would otherwise get its own port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def raise_open_files_limit() -> int:
    """Every connection is a file descriptor: take the hard limit (systemd's default soft
    limit is 1,024), so idle connections are not what refuses a kiosk."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else 65536
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def serve(settings: ServeSettings) -> int:
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings

    from sync.central.server import make_engine

    make_engine(settings.db_url).dispose()  # migrated once, before any worker starts
    if settings.files:
        from sync.central.storage import S3Storage

        problem = S3Storage(settings.files, settings.s3_endpoint).check()
        if problem:  # served anyway: dossiers get 503 (kept on the kiosks) until it is fixed
            log.error("%s; dossiers will be answered 503 until it is", problem)
    if settings.port == 0:
        settings.port = _free_port(settings.host)
    raise_open_files_limit()
    os.environ[_SETTINGS_ENV] = json.dumps(asdict(settings))
    tls = {}
    if settings.tls_cert:
        tls = dict(ssl_cert=Path(settings.tls_cert), ssl_key=Path(settings.tls_key),
                   ssl_protocol_min="tls1.2")
    server = Granian(
        "sync.central.production:worker_app", factory=True, interface=Interfaces.WSGI,
        address=settings.host, port=settings.port, workers=settings.workers,
        blocking_threads=settings.threads, backpressure=settings.backpressure,
        backlog=settings.backpressure,
        http=HTTPModes.http1,
        http1_settings=HTTP1Settings(header_read_timeout=int(settings.header_timeout_s * 1000),
                                     keep_alive=True, max_buffer_size=64 * 1024),
        respawn_failed_workers=True, respawn_interval=1.0,
        workers_kill_timeout=settings.graceful_s, log_access=False, **tls)
    server.serve()
    return 0


def worker_app():
    """Build the app in a worker process (Granian's factory): its own engine and pool."""
    from sync.central.app import CentralApp, CentralConfig
    from sync.central.server import make_engine
    from sync.central.storage import make_store

    settings = ServeSettings(**json.loads(os.environ[_SETTINGS_ENV]))
    engine = make_engine(settings.db_url, migrate=False)
    app = CentralApp(sessionmaker(engine, expire_on_commit=False), CentralConfig(
        files_dir=Path(settings.files_dir),
        store=make_store(settings.files, Path(settings.files_dir), settings.s3_endpoint),
        admin_token=os.environ.get("CENTRAL_ADMIN_TOKEN", "")))
    if settings.ready_file:  # once this worker listens (it binds after the factory returns)
        threading.Thread(target=_announce, args=(settings,), daemon=True).start()
    return app


def _announce(settings: ServeSettings) -> None:
    """Write the URL once a worker accepts connections (scripts and tests wait for it)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection((settings.host, settings.port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        return
    scheme = "https" if settings.tls_cert else "http"
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    ready = Path(settings.ready_file)
    fd, tmp = tempfile.mkstemp(dir=ready.parent, prefix=".ready-")
    with os.fdopen(fd, "w") as fh:
        fh.write(f"{scheme}://{host}:{settings.port}")
    os.replace(tmp, ready)
