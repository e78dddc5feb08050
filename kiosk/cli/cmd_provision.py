"""``kiosk provision``: connect a new kiosk to its central system (issue 9 item 6).

The administrator issues a one-time token on the central (``kiosk central enroll-token``);
the technician runs this once on the kiosk.  It writes the configuration, registers, keeps
the secret in a 0600 file and keeps the token nowhere.  Running it again is harmless: working
credentials are kept and the token is not spent.  ``http://`` is refused unless
``--dev-insecure-http`` (development, loopback only).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("provision", help="register this kiosk with its central system (once)")
    p.add_argument("--central", required=True, metavar="URL", help="https://… of the central")
    p.add_argument("--enroll-token", required=True, metavar="T",
                   help="the one-time token from the administrator ('-': read it from stdin, "
                        "so it does not show in the process list)")
    p.add_argument("--kiosk-id", required=True, metavar="ID")
    p.add_argument("--agency", default=None, help="receiving agency id (default: the config's)")
    p.add_argument("--ca-bundle", default=None, metavar="PEM",
                   help="CA certificate(s) of the central's TLS certificate")
    p.add_argument("--config", type=Path, default=None,
                   help="configuration file to write (default: the kiosk's; created from the "
                        "example when missing)")
    p.add_argument("--dev-insecure-http", action="store_true",
                   help="development only: allow a plain http:// central on loopback")
    p.set_defaults(handler=cmd_provision)


def cmd_provision(args) -> int:
    from kiosk import config as config_mod
    from kiosk import paths
    from kiosk.provisioning import configuration_text, provision, set_keys, write_configuration
    from sync.errors import SyncError

    path = args.config or paths.default_config_file()
    source = path if path.exists() else config_mod.EXAMPLE
    # a configuration from before provisioning may still hold a token: it goes, unread
    text = set_keys(source.read_text("utf-8"), "sync", {}, remove=("enrollment_token",))
    token = sys.stdin.readline().strip() if args.enroll_token == "-" else args.enroll_token
    try:
        config = config_mod.parse(text, str(source))
        done = provision(config, central_url=args.central, token=token, kiosk_id=args.kiosk_id,
                         agency_id=args.agency, ca_bundle=args.ca_bundle,
                         dev_insecure_http=args.dev_insecure_http)
        write_configuration(path, configuration_text(text, done))
    except (config_mod.ConfigError, SyncError) as exc:
        print(f"not provisioned: {exc}", file=sys.stderr)
        return 1
    state = "registered" if done.registered else "already registered (token not used)"
    print(f"kiosk {args.kiosk_id} {state} with {args.central}")
    print(f"configuration: {path}")
    print(f"credentials:   {done.credentials_path} (0600)")
    return 0
