"""The ``kiosk`` command.

Each area adds its subcommands in ``kiosk/cli/cmd_<area>.py`` with ``register(subparsers)``;
they are found here without a shared list. Modules import Qt only inside the handlers of
commands that show a screen, so ``kiosk version``, ``kiosk card …`` or ``kiosk sync status``
start fast and run headless over SSH.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys

import kiosk.cli as _pkg


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Self-service one-stop counter kiosk")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"kiosk.cli.{info.name}").register(sub)
    return parser


def _escpos_cache() -> None:
    """python-escpos parses its YAML printer database on first import and pickles it into a
    *new temporary folder per process* unless told where: every start paid ~0.35 s and left a
    folder in /tmp. One cache folder of ours makes the first print of every later start fast."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        from kiosk.paths import default_cache_dir

        folder = default_cache_dir() / "escpos"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # a read-only disk: python-escpos falls back to a temporary folder
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


def main(argv: list[str] | None = None) -> int:
    _escpos_cache()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not args.verbose:  # Alembic narrates every plugin and migration at INFO: noise on a kiosk's console
        logging.getLogger("alembic").setLevel(logging.WARNING)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    return int(handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
