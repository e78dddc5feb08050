"""The central's database engine, and an in-process server for tests and benchmarks.

``CentralServer`` runs the WSGI app on the stdlib ``wsgiref`` server, one thread per
connection, inside the calling process: tests reach its app, engine and files directly.  It
has none of the production server's defences against slow or hostile clients; the command
``kiosk central serve`` (``sync.central.production``, Granian) is what a province runs.
"""
from __future__ import annotations

import logging
import socket
import socketserver
import ssl
import tempfile
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from sync.central.app import CentralApp, CentralConfig
from sync.central.migrate import upgrade

log = logging.getLogger(__name__)


def make_engine(url: str, migrate: bool = True) -> Engine:
    """An engine for ``postgresql+pg8000://…`` or ``sqlite:///…``; ``migrate``: the schema
    brought to the newest revision first (``sync.central.migrate``).

    ``hide_parameters``: a database error in the log must not carry a dossier's personal data.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                               hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # WAL lets readers run beside the one writer
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
    else:
        # no pre-ping (a round trip per request): a connection dropped by a server restart
        # answers one 503 and is replaced (pool_recycle bounds idle connections' age)
        engine = create_engine(url, pool_size=16, max_overflow=16, pool_recycle=1800,
                               hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _nodelay(dbapi_conn, _record):
            # pg8000 leaves Nagle on; small protocol messages would wait for delayed ACKs
            sock = getattr(dbapi_conn, "_usock", None)
            if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if migrate:
        upgrade(engine)
    return engine


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class _QuietHandler(WSGIRequestHandler):
    timeout = 30  # a client that stops sending mid-body frees its thread

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            # the TLS handshake runs here, in this connection's thread, not in accept()
            self.request.settimeout(self.timeout)
            self.request.do_handshake()
        super().setup()
        # wsgiref writes the headers and the body separately: with Nagle's algorithm and the
        # client's delayed ACK the body would wait up to 40 ms (write-write-read).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args) -> None:  # paths carry no personal data
        log.debug("%s %s", self.address_string(), format % args)


class CentralServer:
    """A running central; ``url`` is where kiosks reach it."""

    def __init__(self, db_url: str, host: str = "127.0.0.1", port: int = 0,
                 files_dir: Path | None = None, tls_cert: Path | None = None,
                 tls_key: Path | None = None, **config) -> None:
        self.engine = make_engine(db_url)
        files_dir = Path(files_dir or tempfile.mkdtemp(prefix="central-files-"))
        self.app = CentralApp(sessionmaker(self.engine, expire_on_commit=False),
                              CentralConfig(files_dir=files_dir, **config))
        self.httpd = make_server(host, port, self.app, server_class=_ThreadingWSGIServer,
                                 handler_class=_QuietHandler)
        self.port = self.httpd.server_address[1]
        scheme = "http"
        if tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            context.load_cert_chain(tls_cert, tls_key)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True,
                                                    do_handshake_on_connect=False)
            scheme = "https"
        self.url = f"{scheme}://{host}:{self.port}"
        self._thread: threading.Thread | None = None

    def start(self) -> "CentralServer":
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                        name="central-http",
                                        daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.engine.dispose()
        if self._thread:
            self._thread.join(5)
