"""``kiosk central serve|migrate|enroll-token|add-staff|publish-catalog``: the reference central one-stop system
(sync/central)."""
from __future__ import annotations


def register(subparsers) -> None:
    from sync.central.cli import add_migrate_arguments, add_serve_arguments

    central = subparsers.add_parser("central", help="the reference central one-stop system")
    sub = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    serve = sub.add_parser("serve", help="serve the kiosk ↔ central contract over HTTP")
    add_serve_arguments(serve)
    serve.set_defaults(handler=_serve)
    migrate = sub.add_parser("migrate", help="upgrade the central's database schema (Alembic)")
    add_migrate_arguments(migrate)
    migrate.set_defaults(handler=_migrate)
    from sync.central.admin import add_enroll_arguments

    enroll = sub.add_parser("enroll-token",
                            help="issue a one-time enrollment token for one kiosk (admin)")
    add_enroll_arguments(enroll)
    enroll.set_defaults(handler=_enroll_token)
    from sync.central.cli import add_staff_arguments  # light: the kiosk CLI builds every parser

    staff = sub.add_parser("add-staff",
                           help="create a dashboard account (or set its password) for a centre's staff")
    add_staff_arguments(staff)
    staff.set_defaults(handler=_add_staff)
    publish = sub.add_parser("publish-catalog",
                             help="validate a procedure catalog folder and publish it to the kiosks")
    publish.add_argument("folder", help="a folder like forms/procedures (_catalog.yaml + procedures)")
    publish.add_argument("--central", required=True, help="the central's URL")
    publish.add_argument("--ca-bundle", default=None, help="CA bundle to verify its certificate")
    publish.set_defaults(handler=_publish_catalog)


def _serve(args) -> int:
    from sync.central.cli import run_serve

    return run_serve(args)


def _migrate(args) -> int:
    from sync.central.cli import run_migrate

    return run_migrate(args)


def _enroll_token(args) -> int:
    from sync.central.admin import run_enroll_token

    return run_enroll_token(args)


def _add_staff(args) -> int:
    from sync.central.staff import run_add_staff

    return run_add_staff(args)


def _publish_catalog(args) -> int:
    """Validated here with the kiosks' own schema first: a catalog they would refuse is never
    sent.  The admin token comes from CENTRAL_ADMIN_TOKEN (never the command line)."""
    import os
    import sys
    from pathlib import Path

    import requests

    from forms.loader import CatalogError, load_catalog

    folder = Path(args.folder)
    try:
        catalog = load_catalog(folder)
    except CatalogError as exc:
        print(f"catalog not published, it does not validate:\n{exc}", file=sys.stderr)
        return 1
    files = {p.name: p.read_text("utf-8") for p in sorted(folder.glob("*.yaml"))}
    resp = requests.put(args.central.rstrip("/") + "/v1/catalog/procedures", json={"files": files},
                        headers={"Authorization": "Bearer " + os.environ.get("CENTRAL_ADMIN_TOKEN", "")},
                        verify=args.ca_bundle or True, timeout=30)
    if resp.status_code != 200:
        print(f"central refused: HTTP {resp.status_code} {resp.text[:200]}", file=sys.stderr)
        return 1
    print(f"published {len(catalog.procedures)} procedures as {resp.json()['etag']}")
    return 0
