"""Command line of the reference central, shared by ``python -m sync.central`` and
``kiosk central serve``.

Tokens come from the environment (``CENTRAL_ENROLLMENT_TOKEN``, ``CENTRAL_ADMIN_TOKEN``) or
options; a secret on a command line is visible to every user of the machine, so prefer the
environment outside demos.
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="",
                        help="SQLAlchemy URL, e.g. postgresql+pg8000://user@127.0.0.1:5432/central "
                             "(default: SQLite in --data-dir)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--data-dir", type=Path, default=Path("central-data"),
                        help="where attachments (and the default SQLite file) are kept")
    parser.add_argument("--enrollment-token", default=os.environ.get("CENTRAL_ENROLLMENT_TOKEN", ""),
                        help="token a kiosk presents to register (env CENTRAL_ENROLLMENT_TOKEN)")
    parser.add_argument("--admin-token", default=os.environ.get("CENTRAL_ADMIN_TOKEN", ""),
                        help="token to publish catalogs (env CENTRAL_ADMIN_TOKEN)")
    parser.add_argument("--tls-cert", type=Path, default=None,
                        help="PEM certificate chain: serve HTTPS (kiosks verify it with ca_bundle)")
    parser.add_argument("--tls-key", type=Path, default=None, help="PEM private key of --tls-cert")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes serving the same port (each with its own database pool)")
    parser.add_argument("--ready-file", type=Path, default=None,
                        help="write the URL there once listening (for scripts and tests)")


def run_serve(args: argparse.Namespace) -> int:
    from sync.central.server import CentralServer

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    db_url = args.db or f"sqlite:///{(args.data_dir / 'central.sqlite3').resolve()}"
    server = CentralServer(db_url, host=args.host, port=args.port,
                           files_dir=args.data_dir / "attachments",
                           enrollment_token=args.enrollment_token, admin_token=args.admin_token,
                           tls_cert=args.tls_cert, tls_key=args.tls_key)
    children = _fork_workers(server, args.workers - 1)

    def _terminate(*_):
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        sys.exit(0)

    signal.signal(signal.SIGTERM, _terminate)
    print(f"central listening on {server.url} ({args.workers} process(es))", flush=True)
    if args.ready_file:
        tmp = args.ready_file.with_suffix(".tmp")
        tmp.write_text(server.url)
        tmp.replace(args.ready_file)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.httpd.server_close()
        server.engine.dispose()
    return 0


def _fork_workers(server, count: int) -> list[int]:
    """Extra processes accepting on the same listening socket: the GIL of one Python
    process is the limit of a busy central; PostgreSQL keeps the processes consistent."""
    children = []
    for _ in range(max(0, count)):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            server.engine.dispose(close=False)  # never share the parent's connections
            try:
                server.serve_forever()
            finally:
                os._exit(0)
        children.append(pid)
    return children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.central",
                                     description="reference central one-stop system")
    sub = parser.add_subparsers(dest="command", required=True)
    add_serve_arguments(sub.add_parser("serve", help="run the central HTTP server"))
    args = parser.parse_args(argv)
    return run_serve(args)
