"""``kiosk update``: signed release archives and the versioned install (kiosk/update).

Run as root on the kiosk (the install root belongs to root); ``keygen`` and ``sign`` run on
the release machine, where the private key stays.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.update import DEFAULT_BOOT_OK, DEFAULT_DATA, DEFAULT_ROOT


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("update", help="install, check or roll back a signed kiosk bundle")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    def install_args(q: argparse.ArgumentParser) -> None:
        q.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=f"install root (default {DEFAULT_ROOT})")
        q.add_argument("--boot-ok", type=Path, default=DEFAULT_BOOT_OK,
                       help=f"marker the kiosk writes on reaching home (default {DEFAULT_BOOT_OK})")
        q.add_argument("--data-dir", type=Path, default=DEFAULT_DATA,
                       help=f"the kiosk's data folder, whose store is backed up before a switch (default {DEFAULT_DATA})")

    q = actions.add_parser("apply", help="verify a bundle archive and switch to it")
    q.add_argument("bundle", type=Path)
    q.add_argument("--pubkey", type=Path, required=True, help="release public key (PEM)")
    q.add_argument("--max-starts", type=int, default=3, help="starts without reaching home before rollback")
    q.add_argument("--boot-timeout", type=int, default=180, help="seconds to reach home before rollback")
    q.add_argument("--force", action="store_true", help="retry a version that failed before")
    install_args(q)
    q.set_defaults(handler=cmd_apply)

    q = actions.add_parser("rollback", help="return to the previous version")
    install_args(q)
    q.set_defaults(handler=cmd_rollback)

    q = actions.add_parser("check", help="the guard: confirm or roll back a pending version")
    q.add_argument("--starting", action="store_true", help="count a start (systemd ExecStartPre)")
    install_args(q)
    q.set_defaults(handler=cmd_check)

    q = actions.add_parser("status", help="current, good, previous and pending versions")
    install_args(q)
    q.set_defaults(handler=cmd_status)

    q = actions.add_parser("keygen", help="make a release signing key pair")
    q.add_argument("--private", type=Path, required=True)
    q.add_argument("--public", type=Path, required=True)
    q.set_defaults(handler=cmd_keygen)

    q = actions.add_parser("sign", help="pack and sign a bundle folder (e.g. dist/motcua-kiosk)")
    q.add_argument("folder", type=Path)
    q.add_argument("--version", required=True)
    q.add_argument("--key", type=Path, required=True, help="release private key (PEM)")
    q.add_argument("--out", type=Path, required=True, help="archive to write (.tar or .tar.gz)")
    q.set_defaults(handler=cmd_sign)


def _run(action) -> int:
    from kiosk.update.bundle import UpdateError
    try:
        print(action())
    except UpdateError as exc:
        print(f"update: {exc}\n{exc.vi}\n{exc.en}", file=sys.stderr)
        return 2
    return 0


def _installation(args: argparse.Namespace):
    from kiosk.update.slots import Installation
    return Installation(args.root, args.boot_ok, args.data_dir)


def cmd_apply(args: argparse.Namespace) -> int:
    inst = _installation(args)
    return _run(lambda: inst.apply(args.bundle, args.pubkey, args.max_starts, args.boot_timeout, args.force))


def cmd_rollback(args: argparse.Namespace) -> int:
    return _run(_installation(args).rollback)


ROLLED_BACK = 3  # deploy/systemd/motcua-kiosk-guard.service restarts the kiosk on it


def cmd_check(args: argparse.Namespace) -> int:
    inst = _installation(args)
    outcome = []
    status = _run(lambda: outcome.append(inst.check(starting=args.starting)) or outcome[0])
    return ROLLED_BACK if status == 0 and outcome[0].startswith("rolled back") else status


def cmd_status(args: argparse.Namespace) -> int:
    import json

    inst = _installation(args)
    state = inst.state()
    state.update(current=inst.link("current"), good=inst.link("good"))
    print(json.dumps(state, indent=1))
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    from kiosk.update.bundle import generate_keypair
    generate_keypair(args.private, args.public)
    print(f"private key {args.private} (keep it off the kiosks), public key {args.public}")
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    from kiosk.update.bundle import sign_bundle
    return _run(lambda: f"signed {sign_bundle(args.folder, args.version, args.key, args.out)}")
