"""Command line of the reference central, shared by ``python -m sync.central`` and
``kiosk central serve``.

The admin token (catalog publishing) comes from the environment (``CENTRAL_ADMIN_TOKEN``) or
an option; a secret on a command line is visible to every user of the machine, so prefer the
environment outside demos.  Kiosks register with one-time tokens from ``enroll-token``
(``sync.central.admin``), never with a shared one.
"""
from __future__ import annotations

import argparse
import logging
import os
import re
from pathlib import Path


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="",
                        help="SQLAlchemy URL, e.g. postgresql+pg8000://user@127.0.0.1:5432/central "
                             "(default: SQLite in --data-dir)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--data-dir", type=Path, default=Path("central-data"),
                        help="where attachments (and the default SQLite file) are kept")
    parser.add_argument("--files-dir", type=Path, default=None,
                        help="attachments folder (default DATA_DIR/attachments); centrals "
                             "sharing one database share this folder (NFS or similar)")
    parser.add_argument("--files", default="", metavar="s3://BUCKET/PREFIX",
                        help="keep attachments in an S3-compatible bucket instead of --files-dir "
                             "(credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/"
                             "AWS_DEFAULT_REGION)")
    parser.add_argument("--s3-endpoint", default="",
                        help="URL of the S3-compatible service (default: AWS itself)")
    parser.add_argument("--admin-token", default=os.environ.get("CENTRAL_ADMIN_TOKEN", ""),
                        help="token to publish catalogs (env CENTRAL_ADMIN_TOKEN)")
    parser.add_argument("--tls-cert", type=Path, default=None,
                        help="PEM certificate chain: serve HTTPS (kiosks verify it with ca_bundle)")
    parser.add_argument("--tls-key", type=Path, default=None, help="PEM private key of --tls-cert")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes serving the same port (each with its own database pool); "
                             "a worker that dies is replaced")
    parser.add_argument("--threads", type=int, default=16,
                        help="requests one worker serves at once (they wait on the database)")
    parser.add_argument("--header-timeout", type=float, default=10.0,
                        help="seconds a client has to send a whole request head")
    parser.add_argument("--graceful-timeout", type=int, default=20,
                        help="on SIGTERM, seconds requests in flight have to finish")
    parser.add_argument("--ready-file", type=Path, default=None,
                        help="write the URL there once listening (for scripts and tests)")


def run_serve(args: argparse.Namespace) -> int:
    from sync.central.production import ServeSettings, serve

    if args.files and not re.fullmatch(r"s3://[a-z0-9][a-z0-9.-]{2,62}(/[^?#]*)?", args.files):
        raise SystemExit("--files takes s3://bucket/prefix (a folder is --files-dir)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    db_url = args.db or f"sqlite:///{(args.data_dir / 'central.sqlite3').resolve()}"
    # the workers read the token from the environment, never from their command line
    os.environ["CENTRAL_ADMIN_TOKEN"] = args.admin_token
    return serve(ServeSettings(
        db_url=db_url, files_dir=str((args.files_dir or args.data_dir / "attachments").resolve()),
        files=args.files, s3_endpoint=args.s3_endpoint,
        host=args.host, port=args.port, workers=args.workers, threads=args.threads,
        header_timeout_s=args.header_timeout, graceful_s=args.graceful_timeout,
        tls_cert=str(args.tls_cert or ""), tls_key=str(args.tls_key or ""),
        ready_file=str(args.ready_file.resolve()) if args.ready_file else ""))


def add_migrate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="", help="SQLAlchemy URL (default: SQLite in --data-dir)")
    parser.add_argument("--data-dir", type=Path, default=Path("central-data"))


def run_migrate(args: argparse.Namespace) -> int:
    """Bring the central's database to the newest schema (``serve`` does it too, first)."""
    from sqlalchemy import create_engine

    from sync.central.migrate import upgrade

    args.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(args.db or f"sqlite:///{(args.data_dir / 'central.sqlite3').resolve()}")
    try:
        before, now = upgrade(engine)
    finally:
        engine.dispose()
    print(f"central schema: {before or 'empty'} -> {now}" if before != now
          else f"central schema: already at {now}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.central",
                                     description="reference central one-stop system")
    sub = parser.add_subparsers(dest="command", required=True)
    add_serve_arguments(sub.add_parser("serve", help="run the central HTTP server"))
    add_migrate_arguments(sub.add_parser("migrate", help="upgrade the central's database schema"))
    from sync.central.admin import add_enroll_arguments, run_enroll_token

    add_enroll_arguments(sub.add_parser("enroll-token", help="issue a kiosk's one-time token"))
    from sync.central.staff import run_add_staff

    add_staff_arguments(sub.add_parser("add-staff", help="create a dashboard staff account"))
    args = parser.parse_args(argv)
    if args.command == "enroll-token":
        return run_enroll_token(args)
    if args.command == "add-staff":
        return run_add_staff(args)
    return run_migrate(args) if args.command == "migrate" else run_serve(args)


def add_staff_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="",
                        help="the central's SQLAlchemy URL (default: SQLite in --data-dir)")
    parser.add_argument("--data-dir", default="central-data")
    parser.add_argument("--username", required=True)
    parser.add_argument("--centre", default="",
                        help="the centre whose kiosks the account sees (default: every centre)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input (scripts), not the terminal")
